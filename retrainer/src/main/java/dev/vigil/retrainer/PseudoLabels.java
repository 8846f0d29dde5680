package dev.vigil.retrainer;

import dev.vigil.models.TrainingSet;

/**
 * Labels unlabelled rows whose calibrated unsupervised score is very confident: at or below {@code low}
 * normal, at or above {@code high} anomalous. Analyst labels are never overwritten. Used only for the
 * classifier's training rows, never published to the labels topic, so they cannot pass as ground truth.
 */
public final class PseudoLabels {
    private PseudoLabels() {
    }

    /** A copy of {@code set} with pseudo-labels added; {@code scores} are calibrated, one per row. */
    public static TrainingSet apply(TrainingSet set, double[] scores, double low, double high) {
        int[] labels = new int[set.size()];
        for (int i = 0; i < labels.length; i++) {
            int given = set.label(i);
            if (given != TrainingSet.UNKNOWN) {
                labels[i] = given;
            } else if (scores[i] <= low) {
                labels[i] = TrainingSet.NORMAL;
            } else if (scores[i] >= high) {
                labels[i] = TrainingSet.ANOMALY;
            } else {
                labels[i] = TrainingSet.UNKNOWN;
            }
        }
        return new TrainingSet(set.features(), set.featureNames(), labels, set.entities(), set.timestamps());
    }

    /** Rows labelled in {@code after} that were not labelled in {@code before}. */
    public static long added(TrainingSet before, TrainingSet after) {
        long count = 0;
        for (int i = 0; i < before.size(); i++) {
            if (before.label(i) == TrainingSet.UNKNOWN && after.label(i) != TrainingSet.UNKNOWN) {
                count++;
            }
        }
        return count;
    }
}
