package dev.vigil.drift;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.sketches.Sketch;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic telemetry for the monitor's tests: vectors of a few Gaussian features per entity and minute, a
 * model whose calibrated score follows the first feature (1% alerts at its threshold), and its production
 * version with training sketches of the same generator.
 */
final class Fixtures {
    static final String DOMAIN = "telemetry-service";
    static final String MODEL = DOMAIN + ".isolation-forest";
    static final List<String> FEATURES = List.of("latency_p50", "latency_p99", "error_rate", "requests");
    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    /** Standard normal quantile at 0.99: the first feature's alert threshold. */
    static final double THRESHOLD = 2.326;

    private final Random random;

    Fixtures(long seed) {
        this.random = new Random(seed);
    }

    double[] values(double shift) {
        return values(shift, 0);
    }

    /** A vector whose features from index {@code firstShifted} on moved by {@code shift}. */
    double[] values(double shift, int firstShifted) {
        double[] v = new double[FEATURES.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian() + (i >= firstShifted ? shift : 0) + 10 * i;
        }
        return v;
    }

    static FeatureVector vector(String entity, Instant windowStart, double[] values) {
        List<Double> boxed = new ArrayList<>();
        for (double v : values) {
            boxed.add(v);
        }
        return FeatureVector.newBuilder().setEntity(entity).setDomain(DOMAIN).setWindowStart(windowStart)
                .setWindowEnd(windowStart.plus(Duration.ofMinutes(1))).setFeatureNames(FEATURES).setValues(boxed)
                .setEventCount(100).build();
    }

    /** The model's score of a vector: a logistic of the first feature's distance to the threshold. */
    static DetectorScore score(FeatureVector vector, boolean shadow) {
        double x = vector.getValues().getFirst();
        double calibrated = 1 / (1 + Math.exp(-3 * (x - THRESHOLD)));
        return DetectorScore.newBuilder().setEntity(vector.getEntity()).setDomain(DOMAIN)
                .setWindowStart(vector.getWindowStart()).setWindowEnd(vector.getWindowEnd()).setDetector("isolation-forest")
                .setModelName(MODEL).setModelVersion(1).setStatus(ScoreStatus.SCORED).setRawScore(x).setScore(calibrated)
                .setThreshold(THRESHOLD).setAnomalous(x >= THRESHOLD).setShadow(shadow).setEventCount(100)
                .setScoredAt(vector.getWindowEnd()).build();
    }

    /** Production version 1 with training sketches of {@code n} stationary vectors. */
    ModelVersion productionVersion(int n) {
        List<Sketch> sketches = new ArrayList<>();
        FEATURES.forEach(f -> sketches.add(new Sketch()));
        Sketch scores = new Sketch();
        for (int i = 0; i < n; i++) {
            FeatureVector v = vector("train", T0, values(0));
            for (int f = 0; f < FEATURES.size(); f++) {
                sketches.get(f).add(v.getValues().get(f));
            }
            scores.add(score(v, false).getScore());
        }
        Map<String, ByteBuffer> baseline = new LinkedHashMap<>();
        for (int f = 0; f < FEATURES.size(); f++) {
            baseline.put(FEATURES.get(f), ByteBuffer.wrap(sketches.get(f).toBytes()));
        }
        Instant created = T0.minus(Duration.ofDays(1));
        return ModelVersion.newBuilder().setName(MODEL).setVersion(1).setDomain(DOMAIN).setAlgorithm("isolation-forest")
                .setStage(ModelStage.PRODUCTION)
                .setTrainingData(new TrainingData("features.telemetry", created, created, Map.of(), Map.of(), (long) n, 0L))
                .setValidation(Map.of("alert_rate", 0.01, "precision", 0.8, "recall", 0.7, "fpr", 0.01))
                .setThreshold(THRESHOLD).setTargetFalsePositiveRate(0.01).setFeatureNames(FEATURES)
                .setBaselineSketches(baseline).setScoreSketch(ByteBuffer.wrap(scores.toBytes()))
                .setArtifactSha256("00").setArtifactSize(1)
                .setStageHistory(List.of(new StageChange(ModelStage.PRODUCTION, created, "bootstrap")))
                .setCreatedAt(created).build();
    }

    /** One hour of data: {@code entities} entities, one vector per entity and minute slot spread over the hour. */
    List<FeatureVector> hour(int hour, int entities, double shift) {
        return hour(T0, hour, entities, shift);
    }

    /** The same, counting hours from {@code base}. */
    List<FeatureVector> hour(Instant base, int hour, int entities, double shift) {
        return hour(base, hour, entities, shift, 0);
    }

    /** The same, with only the features from index {@code firstShifted} on shifted. */
    List<FeatureVector> hour(Instant base, int hour, int entities, double shift, int firstShifted) {
        List<FeatureVector> out = new ArrayList<>();
        Instant start = base.plus(Duration.ofHours(hour));
        for (int e = 0; e < entities; e++) {
            Instant window = start.plus(Duration.ofMinutes(e % 60));
            out.add(vector("service:s" + e, window, values(shift, firstShifted)));
        }
        out.sort(java.util.Comparator.comparing(FeatureVector::getWindowStart));
        return out;
    }
}
