package dev.vigil.retrainer;

import dev.vigil.models.AnomalyModel;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.Validation;

/**
 * Calibrated scores ([0, 1], threshold at 0.5) of every row of a set, each row given the preceding rows of
 * its entity as history, the way the detectors score a stream. The models library's {@code Validation}
 * gives raw scores only; calibrated ones are what the drift monitor and the label requests need.
 */
public final class Scoring {
    private Scoring() {
    }

    public static double[] calibrated(AnomalyModel model, TrainingSet data) {
        return calibrated(model, data, 0);
    }

    /** Calibrated scores of rows {@code from} onwards, with history reaching back before {@code from}. */
    public static double[] calibrated(AnomalyModel model, TrainingSet data, int from) {
        int h = model.historyLength();
        double[] scores = new double[data.size() - from];
        data.sequences().parallelStream().forEach(sequence -> {
            for (int t = 0; t < sequence.length; t++) {
                if (sequence[t] >= from) {
                    scores[sequence[t] - from] = model.score(data.features()[sequence[t]], Validation.history(data, sequence, t, h)).score();
                }
            }
        });
        return scores;
    }
}
