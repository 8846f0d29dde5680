package dev.vigil.models;

import java.util.Arrays;
import java.util.List;

/**
 * Last check before a loaded model goes live: it must expect the feature schema the scorer will feed
 * it and give finite raw scores and calibrated scores in [0, 1] on a known canary set.
 */
public final class Canary {

    /** What the canary run saw. */
    public record Report(int scored, double minScore, double maxScore, double alertRate) {
    }

    private Canary() {
    }

    /**
     * Scores every canary row (row i gets rows i-h..i-1 as history, h = the model's history length).
     *
     * @throws CanaryRejectedException with the reason when the model must be refused
     */
    public static Report verify(AnomalyModel model, List<String> expectedFeatures, double[][] canaryRows)
            throws CanaryRejectedException {
        if (!model.featureNames().equals(expectedFeatures)) {
            throw new CanaryRejectedException("feature schema mismatch: model expects " + model.featureNames()
                    + " but scorer provides " + expectedFeatures);
        }
        if (canaryRows == null || canaryRows.length == 0) {
            throw new CanaryRejectedException("empty canary set: nothing to verify the model on");
        }
        if (!Double.isFinite(model.threshold())) {
            throw new CanaryRejectedException("threshold is not finite: " + model.threshold());
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int alerts = 0;
        int history = model.historyLength();
        for (int i = 0; i < canaryRows.length; i++) {
            List<double[]> past = Arrays.asList(canaryRows).subList(Math.max(0, i - history), i);
            Scored scored;
            try {
                scored = model.score(canaryRows[i], past);
            } catch (RuntimeException e) {
                throw new CanaryRejectedException("scoring canary row " + i + " failed: " + e, e);
            }
            if (!Double.isFinite(scored.rawScore())) {
                throw new CanaryRejectedException("raw score of canary row " + i + " is not finite: " + scored.rawScore());
            }
            if (!(scored.score() >= 0 && scored.score() <= 1)) {
                throw new CanaryRejectedException("calibrated score of canary row " + i + " is outside [0, 1]: " + scored.score());
            }
            for (TopFeature top : scored.topFeatures()) {
                if (!expectedFeatures.contains(top.name()) || Double.isNaN(top.deviation())) {
                    throw new CanaryRejectedException("canary row " + i + " explained by invalid feature " + top);
                }
            }
            min = Math.min(min, scored.score());
            max = Math.max(max, scored.score());
            alerts += scored.anomalous() ? 1 : 0;
        }
        return new Report(canaryRows.length, min, max, (double) alerts / canaryRows.length);
    }
}
