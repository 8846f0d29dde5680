package dev.vigil.models;

import java.util.Arrays;
import java.util.List;

/**
 * Last check before a loaded model goes live: every feature it expects must be in the schema the scorer will feed
 * it (by name, as the scorer aligns them; a model trained on some of the features is fine), and it must give finite
 * raw scores and calibrated scores in [0, 1] on a known canary set.
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
        FeatureAlignment alignment = FeatureAlignment.of(model.featureNames(), expectedFeatures);
        if (alignment == null) {
            throw new CanaryRejectedException("feature schema mismatch: model expects " + model.featureNames()
                    + " but scorer provides " + expectedFeatures + " (missing " + FeatureAlignment.missing(model.featureNames(), expectedFeatures) + ")");
        }
        if (canaryRows == null || canaryRows.length == 0) {
            throw new CanaryRejectedException("empty canary set: nothing to verify the model on");
        }
        List<double[]> rows = alignment.select(Arrays.asList(canaryRows));
        if (!Double.isFinite(model.threshold())) {
            throw new CanaryRejectedException("threshold is not finite: " + model.threshold());
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int alerts = 0;
        int history = model.historyLength();
        for (int i = 0; i < rows.size(); i++) {
            List<double[]> past = rows.subList(Math.max(0, i - history), i);
            Scored scored;
            try {
                scored = model.score(rows.get(i), past);
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
