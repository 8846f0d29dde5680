package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A feature that is 0 in most windows (a service's error rate at 1 % failed requests) must not set the forecaster's
 * threshold on its own: its ordinary blips are judged against the tail of its errors, not their median.
 */
class ForecasterSparseFeatureTest {
    private static final List<String> NAMES = SmallSamplesTest.NAMES;

    private static double[] window(double requests, double errors) {
        return new double[] {requests, errors / requests, 80, 0};
    }

    @Test
    void theWindowsItFlagsAreNotMostlyAFewFailedRequestsWhileAnErrorBurstStandsOut() {
        TrainingSet days = SmallSamplesTest.dayAndNight(6000);
        TrainingSet firstWeek = days.subset(java.util.stream.IntStream.range(0, 2000).toArray());
        AnomalyModel forecaster = Trainers.train(Algorithms.FORECASTER, firstWeek, Map.of("targetFpr", "0.005"));

        // The days after training: about a third of the windows hold a failed request or more.
        double[][] rows = days.features();
        int flagged = 0;
        int flaggedWithErrors = 0;
        for (int i = 2003; i < rows.length; i++) {
            if (forecaster.score(rows[i], List.of(rows[i - 3], rows[i - 2], rows[i - 1])).anomalous()) {
                flagged++;
                flaggedWithErrors += rows[i][1] > 0 ? 1 : 0;
            }
        }
        // Judged against the median of its errors, the error rate's ordinary blips were every window flagged (10 of 10).
        assertTrue(flagged > 0 && flaggedWithErrors <= flagged / 2, flaggedWithErrors + " of " + flagged
                + " flagged windows hold failed requests");
        List<double[]> history = List.of(window(30, 0), window(30, 0), window(30, 0));
        assertTrue(forecaster.score(window(30, 10), history).anomalous(), "10 failed among 30");
    }

    @Test
    void aFeaturesSpreadIsWidenedByItsTailNeverNarrowed() {
        double[] sparse = new double[100];
        for (int i = 0; i < 20; i++) {
            sparse[i] = 1; // a fifth of the values 1, the rest 0: robust spread far below the ordinary blips
        }
        double widened = FeatureBaseline.tailWidened(sparse, 0, 0.1);
        assertTrue(widened > 0.5 && widened < 1, "1 lies about 1.645 widened spreads out: " + widened);
        double[] gaussian = new java.util.Random(5).doubles(10_000).map(u -> new org.apache.commons.math3.distribution
                .NormalDistribution().inverseCumulativeProbability(u)).toArray();
        double unchanged = FeatureBaseline.tailWidened(gaussian, 0, 1);
        assertTrue(unchanged < 1.05, "a Gaussian feature keeps its spread: " + unchanged);
        assertTrue(FeatureBaseline.tailWidened(new double[] {0, 0, 0, 0}, 0, 1) == 1, "never narrowed");
    }
}
