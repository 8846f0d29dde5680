package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each detector on synthetic data with known anomalies, tested on entities it never saw. */
class DetectorSyntheticTest {

    @ParameterizedTest
    @CsvSource({
            // algorithm, min ROC-AUC, min PR-AUC (anomaly base rate is 0.02), min F1 at the model's threshold
            "isolation-forest, 0.90, 0.15, 0.10",
            "forecaster,       0.97, 0.80, 0.60",
            "rules,            0.97, 0.80, 0.60",
            "classifier,       0.97, 0.80, 0.70"})
    void detectsKnownAnomaliesFarBetterThanChance(String algorithm, double minRoc, double minPr, double minF1) {
        AnomalyModel model = Trainers.train(algorithm, SyntheticFixture.TRAIN, Map.of());
        ValidationMetrics metrics = Validation.evaluate(model, SyntheticFixture.TEST);
        System.out.printf("synthetic %s: %s%n", algorithm, metrics);
        assertTrue(metrics.rocAuc() >= minRoc, algorithm + " ROC-AUC " + metrics.rocAuc());
        assertTrue(metrics.prAuc() >= minPr, algorithm + " PR-AUC " + metrics.prAuc());
        assertTrue(metrics.f1() >= minF1, algorithm + " F1 " + metrics.f1());
        assertEquals(algorithm, model.algorithm());
        assertEquals(SyntheticFixture.names(), model.featureNames());
    }

    /** An incident moving several features at once: every detector flags it and blames the largest move. */
    @ParameterizedTest
    @ValueSource(strings = {"isolation-forest", "forecaster", "rules", "classifier"})
    void flagsAMultiFeatureIncidentAndNamesTheFeatureThatMovedMost(String algorithm) {
        AnomalyModel model = Trainers.train(algorithm, SyntheticFixture.TRAIN, Map.of());
        int row = firstNormalRowWithHistory(SyntheticFixture.TEST, 10);
        List<double[]> history = SyntheticFixture.history(SyntheticFixture.TEST, row, model.historyLength());
        double[] vector = SyntheticFixture.TEST.features()[row].clone();
        Scored before = model.score(vector, history);
        double[] sd = standardDeviations(SyntheticFixture.TRAIN.normalRows());
        vector[7] += 200 * sd[7];
        for (int j : new int[]{2, 11, 15}) {
            vector[j] += 10 * sd[j];
        }
        Scored after = model.score(vector, history);

        assertTrue(after.rawScore() > before.rawScore(), algorithm + " raw score did not rise");
        assertTrue(after.anomalous(), algorithm + " missed the incident");
        assertTrue(after.score() > 0.5 && after.score() <= 1.0, "calibrated " + after.score());
        assertEquals(Scored.TOP_FEATURES, after.topFeatures().size());
        TopFeature top = after.topFeatures().getFirst();
        assertEquals("f7", top.name(), algorithm + " blamed " + after.topFeatures());
        assertEquals(vector[7], top.value());
        assertTrue(top.deviation() >= after.topFeatures().get(1).deviation(), "not largest first");
        assertTrue(top.deviation() > 20, "deviation " + top.deviation());
    }

    /**
     * Per-feature detectors catch one feature far out of range on its own. (Tree models need not: a value
     * beyond the training range falls in the same leaf as the most extreme training value.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"forecaster", "rules"})
    void perFeatureDetectorsFlagASingleFeatureExcursion(String algorithm) {
        AnomalyModel model = Trainers.train(algorithm, SyntheticFixture.TRAIN, Map.of());
        int row = firstNormalRowWithHistory(SyntheticFixture.TEST, 10);
        List<double[]> history = SyntheticFixture.history(SyntheticFixture.TEST, row, model.historyLength());
        double[] vector = SyntheticFixture.TEST.features()[row].clone();
        assertFalse(model.score(vector, history).anomalous(), "a normal row is flagged");
        vector[4] -= 30 * standardDeviations(SyntheticFixture.TRAIN.normalRows())[4];
        Scored scored = model.score(vector, history);
        assertTrue(scored.anomalous());
        assertEquals("f4", scored.topFeatures().getFirst().name());
    }

    private static double[] standardDeviations(double[][] rows) {
        double[] sd = new double[rows[0].length];
        for (int j = 0; j < sd.length; j++) {
            sd[j] = Math.sqrt(variance(rows, j));
        }
        return sd;
    }

    private static double variance(double[][] rows, int column) {
        double mean = 0;
        for (double[] r : rows) {
            mean += r[column] / rows.length;
        }
        double sum = 0;
        for (double[] r : rows) {
            sum += (r[column] - mean) * (r[column] - mean);
        }
        return sum / (rows.length - 1);
    }

    private static int firstNormalRowWithHistory(TrainingSet set, int from) {
        for (int i = from; i < set.size(); i++) {
            if (set.label(i) == TrainingSet.NORMAL && set.label(i - 1) == TrainingSet.NORMAL
                    && set.label(i - 2) == TrainingSet.NORMAL && set.label(i - 3) == TrainingSet.NORMAL
                    && set.entities()[i].equals(set.entities()[i - 3])) {
                return i;
            }
        }
        throw new IllegalStateException("no clean row");
    }
}
