package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void confusionMetricsAtTheThreshold() {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.95, 0.05};
        int[] labels = {1, 1, 0, 1, 0, 0, 1, 0, -1, -1};
        ValidationMetrics m = Validation.evaluate(scores, labels, 0.5);
        // At > 0.5 the labelled rows give TP=3 (0.9, 0.8, 0.6), FP=1 (0.7), FN=1 (0.2), TN=3.
        assertEquals(0.75, m.precision(), 1e-12);
        assertEquals(0.75, m.recall(), 1e-12);
        assertEquals(0.75, m.f1(), 1e-12);
        assertEquals(0.25, m.falsePositiveRate(), 1e-12);
        assertEquals(0.5, m.alertRate(), 1e-12); // 5 of 10 rows, unlabelled ones included
        assertEquals(10, m.samples());
        assertEquals(8, m.labelled());
        assertEquals(4, m.positives());
        // Average precision: hits at ranks 1, 2, 4, 7 -> (1 + 1 + 3/4 + 4/7) / 4.
        assertEquals((1 + 1 + 0.75 + 4.0 / 7) / 4, m.prAuc(), 1e-12);
        // ROC-AUC: of the 16 positive-negative pairs, 4 + 4 + 3 + 1 are ranked right.
        assertEquals(12.0 / 16, m.rocAuc(), 1e-12);
    }

    @Test
    void tiedScoresFormOneCut() {
        assertEquals(0.5, Validation.prAuc(new double[]{1, 1, 1, 1}, new int[]{1, 0, 1, 0}), 1e-12);
    }

    @Test
    void withoutAnomaliesLabelMetricsAreNaNButFprAndAlertRateExist() {
        ValidationMetrics m = Validation.evaluate(new double[]{0.1, 0.9, 0.2}, new int[]{0, 0, 0}, 0.5);
        assertTrue(Double.isNaN(m.recall()));
        assertTrue(Double.isNaN(m.prAuc()));
        assertEquals(1.0 / 3, m.falsePositiveRate(), 1e-12);
        assertEquals(1.0 / 3, m.alertRate(), 1e-12);
        ValidationMetrics unlabelled = Validation.evaluate(new double[]{0.1, 0.9}, null, 0.5);
        assertEquals(0.5, unlabelled.alertRate());
        assertTrue(Double.isNaN(unlabelled.falsePositiveRate()));
    }

    @Test
    void metricsSurviveTheMapFormUsedInModelVersions() {
        ValidationMetrics m = Validation.evaluate(new double[]{0.9, 0.1, 0.7, 0.3}, new int[]{1, 0, 0, 1}, 0.5);
        Map<String, Double> map = m.asMap();
        assertEquals(m.f1(), map.get(ValidationMetrics.F1));
        assertEquals(m.prAuc(), map.get(ValidationMetrics.PR_AUC));
        assertEquals(m, ValidationMetrics.fromMap(map));
    }
}
