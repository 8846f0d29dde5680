package dev.vigil.ensemble;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.ensemble.model.Deviation;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import java.time.Instant;
import java.util.List;

/** Readings and windows for tests: one-minute windows starting at minute {@code m}. */
public final class Fixtures {
    public static final long MINUTE = 60_000;
    public static final long T0 = 1_700_000_000_000L - (1_700_000_000_000L % MINUTE);

    private Fixtures() {
    }

    public static long start(int minute) {
        return T0 + minute * MINUTE;
    }

    public static long end(int minute) {
        return start(minute) + MINUTE;
    }

    public static Reading reading(String domain, String detector, double score) {
        return reading(domain, detector, 1, score, false);
    }

    public static Reading reading(String domain, String detector, int version, double score, boolean shadow) {
        return new Reading(detector, domain + "." + detector, version, score, score >= 0.5, shadow,
                List.of(new Deviation(detector + ".feature", score * 10, 1.0, score * 4)));
    }

    /** A registry record announcing a version of a domain's detector in a stage. */
    public static ModelVersion version(String domain, String detector, int version, ModelStage stage) {
        Instant at = Instant.ofEpochMilli(T0).plusSeconds(version);
        return ModelVersion.newBuilder().setName(domain + "." + detector).setVersion(version).setDomain(domain)
                .setAlgorithm(detector).setStage(stage)
                .setTrainingData(TrainingData.newBuilder().setTopic("features.telemetry").setFromTime(at).setToTime(at)
                        .setSampleCount(1000).setLabelledCount(0).build())
                .setThreshold(1.0).setFeatureNames(List.of("rate")).setArtifactSha256("00").setArtifactSize(1)
                .setParentVersion(null).setRequestId(null).setStageHistory(List.of(new StageChange(stage, at, "test")))
                .setCreatedAt(at).build();
    }

    public static WindowScores window(String entity, String domain, int minute, double... scores) {
        String[] detectors = {"isolation-forest", "forecaster", "rules"};
        List<Reading> readings = new java.util.ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            readings.add(reading(domain, detectors[i], scores[i]));
        }
        return new WindowScores(entity, domain, start(minute), end(minute), readings, List.of(), List.of());
    }
}
