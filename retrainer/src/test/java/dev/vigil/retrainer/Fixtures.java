package dev.vigil.retrainer;

import dev.vigil.avro.Label;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.testing.SyntheticData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Feature vectors with known anomalies (the models library's synthetic generator), as a topic would hold them. */
final class Fixtures {
    static final String DOMAIN = "bgp-peer";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private Fixtures() {
    }

    /** {@code entities x windows} one-minute windows ending just before {@link #NOW}, 2% anomalous. */
    static Generated vectors(int entities, int windows, long seed) {
        TrainingSet set = new SyntheticData(12, 7).generate(entities, windows, 0.02, seed);
        long start = NOW.toEpochMilli() - windows * 60_000L;
        List<FeatureSample> samples = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            long ws = start + set.timestamps()[i];
            samples.add(new FeatureSample("peer:" + set.entities()[i], DOMAIN, ws, ws + 60_000, set.featureNames(),
                    set.features()[i], i % 3, i));
        }
        return new Generated(set, samples);
    }

    /** Generated vectors and the truth behind them. */
    record Generated(TrainingSet truth, List<FeatureSample> samples) {
        /** Labels for every {@code every}-th row (truthful), written at {@link #NOW}. */
        List<Label> labels(int every) {
            List<Label> labels = new ArrayList<>();
            for (int i = 0; i < samples.size(); i += every) {
                labels.add(label(samples.get(i), truth.label(i) == TrainingSet.ANOMALY));
            }
            return labels;
        }
    }

    static Label label(FeatureSample s, boolean anomalous) {
        return Label.newBuilder().setEntity(s.entity()).setDomain(s.domain()).setWindowStart(Instant.ofEpochMilli(s.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(s.windowEnd())).setAnomalous(anomalous).setSource("analyst")
                .setLabelledAt(NOW).build();
    }

    static RetrainRequest request(String id, String model, boolean force, Instant at) {
        return RetrainRequest.newBuilder().setRequestId(id).setModel(model).setDomain(DOMAIN).setReasons(List.of("drift " + id))
                .setDriftFigures(Map.of("ks.announcements", 0.3)).setRequester("drift-monitor").setForce(force)
                .setRequestedAt(at).build();
    }
}
