package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class CanaryTest {
    private static final AnomalyModel FORECASTER = Trainers.train(Algorithms.FORECASTER, SyntheticFixture.TRAIN, Map.of());
    private static final double[][] CANARY = java.util.Arrays.copyOf(SyntheticFixture.TEST.features(), 200);

    @Test
    void acceptsAHealthyFreshlyLoadedModel() throws CanaryRejectedException {
        AnomalyModel loaded = ModelCodec.decode(ModelCodec.encode(FORECASTER));
        Canary.Report report = Canary.verify(loaded, SyntheticFixture.names(), CANARY);
        assertEquals(200, report.scored());
        assertTrue(report.minScore() >= 0 && report.maxScore() <= 1);
        assertTrue(report.alertRate() < 0.2, "alert rate " + report.alertRate());
    }

    @Test
    void acceptsAModelTrainedOnSomeOfTheFeaturesAndScoresItOnThoseByName() throws CanaryRejectedException {
        // The canary vectors carry an extra feature, first, that the model never saw: it is ignored by name.
        List<String> wider = new ArrayList<>(List.of("extra"));
        wider.addAll(SyntheticFixture.names());
        double[][] rows = java.util.Arrays.stream(CANARY).map(r -> {
            double[] w = new double[r.length + 1];
            w[0] = 1e9;
            System.arraycopy(r, 0, w, 1, r.length);
            return w;
        }).toArray(double[][]::new);
        Canary.Report wide = Canary.verify(FORECASTER, wider, rows);
        Canary.Report exact = Canary.verify(FORECASTER, SyntheticFixture.names(), CANARY);
        assertEquals(exact, wide);
    }

    @Test
    void refusesAFeatureSchemaMismatch() {
        List<String> renamed = new ArrayList<>(SyntheticFixture.names());
        renamed.set(3, "something_else");
        CanaryRejectedException e = assertThrows(CanaryRejectedException.class,
                () -> Canary.verify(FORECASTER, renamed, CANARY));
        assertTrue(e.getMessage().contains("schema"), e.getMessage());
        assertThrows(CanaryRejectedException.class, () -> Canary.verify(FORECASTER, renamed.subList(0, 10), CANARY));
    }

    @Test
    void refusesNonFiniteRawScores() {
        AnomalyModel broken = new BrokenModel(raw -> Double.NaN, raw -> 0.5);
        CanaryRejectedException e = assertThrows(CanaryRejectedException.class,
                () -> Canary.verify(broken, SyntheticFixture.names(), CANARY));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        assertThrows(CanaryRejectedException.class, () -> Canary.verify(new BrokenModel(raw -> Double.POSITIVE_INFINITY, raw -> 1),
                SyntheticFixture.names(), CANARY));
    }

    @Test
    void refusesCalibratedScoresOutsideTheUnitInterval() {
        CanaryRejectedException e = assertThrows(CanaryRejectedException.class,
                () -> Canary.verify(new BrokenModel(raw -> 1, raw -> 1.5), SyntheticFixture.names(), CANARY));
        assertTrue(e.getMessage().contains("outside [0, 1]"), e.getMessage());
    }

    @Test
    void refusesAModelThatThrowsOrAnEmptyCanary() {
        AnomalyModel throwing = new BrokenModel(raw -> {
            throw new IllegalStateException("boom");
        }, raw -> 0);
        assertThrows(CanaryRejectedException.class, () -> Canary.verify(throwing, SyntheticFixture.names(), CANARY));
        assertThrows(CanaryRejectedException.class, () -> Canary.verify(FORECASTER, SyntheticFixture.names(), new double[0][]));
    }

    /** A model whose raw and calibrated scores come from the given functions of the first feature. */
    private record BrokenModel(DoubleUnaryOperator raw, DoubleUnaryOperator calibrated) implements AnomalyModel {
        @Override
        public String algorithm() {
            return Algorithms.RULES;
        }

        @Override
        public List<String> featureNames() {
            return SyntheticFixture.names();
        }

        @Override
        public int historyLength() {
            return 0;
        }

        @Override
        public double threshold() {
            return 0.5;
        }

        @Override
        public double targetFalsePositiveRate() {
            return 0.01;
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public double rawScore(double[] features, List<double[]> history) {
            return raw.applyAsDouble(features[0]);
        }

        @Override
        public Scored score(double[] features, List<double[]> history) {
            double r = rawScore(features, history);
            return new Scored(r, calibrated.applyAsDouble(r), r > 0.5, List.of());
        }
    }
}
