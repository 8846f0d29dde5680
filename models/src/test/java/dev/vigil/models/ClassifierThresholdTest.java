package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassifierThresholdTest {
    private static final int N = TrainingSet.NORMAL;
    private static final int A = TrainingSet.ANOMALY;

    @Test
    void fprCutLetsAtMostTheGivenShareOfNormalRowsThrough() {
        double[] scores = new double[100];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = i / 100.0;
            labels[i] = N;
        }
        double cut = ClassifierTrainer.fprCut(scores, labels, 0.05);
        long through = java.util.Arrays.stream(scores).filter(s -> s >= cut).count();
        assertEquals(5, through);
        assertEquals(0, ClassifierTrainer.fprCut(new double[] {0.9}, new int[] {A}, 0.05));
    }

    @Test
    void aBalancedSetWithOverlapGetsAThresholdThatKeepsHeldOutNormalRowsBelowTheCap() {
        // Normal and anomalous rows overlap widely: the best-F1 cut on a balanced set lets many normal rows through.
        java.util.Random random = new java.util.Random(5);
        int n = 2000;
        double[][] x = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2 == 0 ? N : A;
            double shift = labels[i] == A ? 1.0 : 0.0;
            x[i][0] = shift + random.nextGaussian();
            x[i][1] = random.nextGaussian();
        }
        TrainingSet set = new TrainingSet(x, java.util.List.of("a", "b"), labels, null, null);
        AnomalyModel capped = Trainers.train(Algorithms.CLASSIFIER, set, Map.of("seed", "1", "maxHoldoutFpr", "0.02"));
        AnomalyModel uncapped = Trainers.train(Algorithms.CLASSIFIER, set, Map.of("seed", "1", "maxHoldoutFpr", "1"));
        double[][] fresh = new double[4000][];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
        }
        double cappedFpr = flaggedShare(capped, fresh);
        double uncappedFpr = flaggedShare(uncapped, fresh);
        assertTrue(uncappedFpr > 0.2, "best-F1 cut on overlapping balanced classes flags many normal rows: " + uncappedFpr);
        assertTrue(cappedFpr < 0.08, "capped at 2 % of held-out normal rows, fresh normal rows flagged: " + cappedFpr);
    }

    private static double flaggedShare(AnomalyModel model, double[][] rows) {
        long flagged = java.util.Arrays.stream(rows).filter(r -> model.score(r, java.util.List.of()).anomalous()).count();
        return flagged / (double) rows.length;
    }
}
