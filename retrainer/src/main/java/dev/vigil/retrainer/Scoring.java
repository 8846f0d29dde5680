package dev.vigil.retrainer;

import dev.vigil.models.AnomalyModel;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.Validation;

/**
 * Calibrated scores ([0, 1], threshold at 0.5) of every row of a set, each row given the preceding rows of
 * its entity as history, the way the detectors score a stream ({@link Validation#scores}). Raw scores are what
 * validation needs; calibrated ones are what the drift monitor and the label requests need.
 */
public final class Scoring {
    private Scoring() {
    }

    public static double[] calibrated(AnomalyModel model, TrainingSet data) {
        return calibrated(model, data, 0);
    }

    /** Calibrated scores of rows {@code from} onwards, with history reaching back before {@code from}. */
    public static double[] calibrated(AnomalyModel model, TrainingSet data, int from) {
        return Validation.scores(model, data, from, (features, history) -> model.score(features, history).score());
    }
}
