package dev.vigil.retrainer;

import dev.vigil.models.AnomalyModel;
import dev.vigil.models.TrainingSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibrated scores ([0, 1], threshold at 0.5) of every row of a set, each row given the preceding rows of
 * its entity as history, the way the detectors score a stream. The models library's {@code Validation}
 * gives raw scores only; calibrated ones are what the drift monitor and the label requests need.
 */
public final class Scoring {
    private Scoring() {
    }

    public static double[] calibrated(AnomalyModel model, TrainingSet data) {
        int h = model.historyLength();
        double[] scores = new double[data.size()];
        data.sequences().parallelStream().forEach(sequence -> {
            for (int t = 0; t < sequence.length; t++) {
                List<double[]> history = new ArrayList<>(h);
                for (int s = Math.max(0, t - h); s < t; s++) {
                    history.add(data.features()[sequence[s]]);
                }
                scores[sequence[t]] = model.score(data.features()[sequence[t]], history).score();
            }
        });
        return scores;
    }
}
