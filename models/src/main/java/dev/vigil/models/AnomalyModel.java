package dev.vigil.models;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A trained, serialisable anomaly detector. Implementations are immutable after training and safe to
 * share between scoring threads.
 */
public interface AnomalyModel extends Serializable {

    /** Detector type, one of {@link Algorithms}. */
    String algorithm();

    /** Feature schema: names in the order {@link #score} expects them. */
    List<String> featureNames();

    /** Number of preceding windows of the same entity the model needs (0 for all but the forecaster). */
    int historyLength();

    /** Threshold on the raw score; raw scores above it are anomalous. */
    double threshold();

    /** False-positive rate the threshold was calibrated for on the training data. */
    double targetFalsePositiveRate();

    /** Hyper-parameters the model was trained with, as given plus defaults that were applied. */
    Map<String, String> parameters();

    /** Raw score only, without explanation: the cheap path for bulk validation. */
    double rawScore(double[] features, List<double[]> history);

    /**
     * Scores one feature vector.
     *
     * @param features vector in {@link #featureNames()} order
     * @param history  up to {@link #historyLength()} preceding vectors of the same entity, oldest first;
     *                 may be empty (models that need history fill the gap themselves)
     */
    Scored score(double[] features, List<double[]> history);

    /** Scores rows that have no history, e.g. a validation set for a history-free model. */
    default double[] rawScores(double[][] rows) {
        double[] scores = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = rawScore(rows[i], List.of());
        }
        return scores;
    }
}
