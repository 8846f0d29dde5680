package dev.vigil.models;

import java.util.List;

/** Learns {@link RulesModel} bounds from the normal rows of a training set. */
final class RulesTrainer {
    /**
     * Quantile of a feature's robust deviations that sets how much its width is widened: the width grows by how far
     * that quantile lies beyond a Gaussian's, so a feature with heavier tails gets a proportionally wider range. The
     * default, 0.9, looks at the tail, which is what sets the threshold: with the median (0.5, used before) a sparse
     * feature (an error rate that is 0 in most windows, 1/n now and then) kept a width of a fraction of its rare
     * values, its ordinary blips scored tens of widths, the threshold calibrated to them, and a six-fold latency or a
     * 35 % error rate stayed under it. Not further out: with dozens of features, each one's extreme quantile is
     * estimated from a handful of rows, and the rules then break on new data far more often than on the training
     * rows (0.99 and beyond raised the rules' false-positive rate on the BGP sets, see the README).
     */
    static final String TAIL_QUANTILE = "tailQuantile";
    static final double DEFAULT_TAIL_QUANTILE = FeatureBaseline.TAIL_QUANTILE;
    static final String TRANSFORM = "transform";

    private RulesTrainer() {
    }

    static RulesModel train(TrainingSet data, Params params) {
        FeatureTransform transform = params.choice(TRANSFORM, FeatureTransform.NONE);
        double targetFpr = params.targetFpr();
        double[][] normal = transform.apply(data.normalRows());
        if (normal.length < 10) {
            throw new IllegalArgumentException("rules need at least 10 normal rows, got " + normal.length);
        }
        double tailQuantile = params.decimal(TAIL_QUANTILE, DEFAULT_TAIL_QUANTILE, 0.5, 0.9999);
        FeatureBaseline baseline = FeatureBaseline.fit(normal, data.featureNames());
        int d = data.dimension();
        double[] median = new double[d];
        double[] width = new double[d];
        double[] column = new double[normal.length];
        List<String> context = params.names(Params.CONTEXT_FEATURES);
        for (int j = 0; j < d; j++) {
            median[j] = baseline.median(j);
            if (context.contains(data.featureNames().get(j))) {
                // No rule on when a window is: a model trained on the first hours of a day would otherwise flag every
                // window of the hours it has not seen (in the demo, the services' first rules model flagged the night).
                width[j] = Double.POSITIVE_INFINITY;
                continue;
            }
            for (int i = 0; i < normal.length; i++) {
                column[i] = normal[i][j];
            }
            // A feature whose tail is heavier than a Gaussian's gets a proportionally wider range, so that each feature
            // breaks its rule about as rarely as a Gaussian one would and no single feature sets the threshold for all.
            width[j] = FeatureBaseline.tailWidened(column, median[j], baseline.spread(j), tailQuantile);
        }
        RulesModel model = new RulesModel(transform, median, width, data.featureNames(), params.used(), targetFpr);
        double[][] original = data.normalRows();
        double[] scores = new double[original.length];
        for (int i = 0; i < original.length; i++) {
            scores[i] = model.raw(original[i], List.of());
        }
        model.calibrate(ScoreCalibration.fromNormalScores(scores, targetFpr));
        return model;
    }
}
