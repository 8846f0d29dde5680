package dev.vigil.models;

import java.util.Arrays;
import java.util.List;

/** Learns {@link RulesModel} bounds from the normal rows of a training set. */
final class RulesTrainer {
    /** Quantile of a feature's robust deviations that sets how much its width is widened. */
    static final String TAIL_QUANTILE = "tailQuantile";
    static final String TRANSFORM = "transform";

    private RulesTrainer() {
    }

    static RulesModel train(TrainingSet data, Params params) {
        double tailQuantile = params.decimal(TAIL_QUANTILE, 0.5, 0.5, 1.0);
        FeatureTransform transform = params.choice(TRANSFORM, FeatureTransform.NONE);
        double targetFpr = params.targetFpr();
        double[][] normal = transform.apply(data.normalRows());
        if (normal.length < 10) {
            throw new IllegalArgumentException("rules need at least 10 normal rows, got " + normal.length);
        }
        FeatureBaseline baseline = FeatureBaseline.fit(normal, data.featureNames());
        int d = data.dimension();
        double[] median = new double[d];
        double[] width = new double[d];
        double[] deviations = new double[normal.length];
        for (int j = 0; j < d; j++) {
            median[j] = baseline.median(j);
            for (int i = 0; i < normal.length; i++) {
                deviations[i] = baseline.deviation(j, normal[i][j]);
            }
            Arrays.sort(deviations);
            double tail = deviations[(int) Math.min(normal.length - 1, Math.floor(tailQuantile * normal.length))];
            // A feature whose tail is heavier than a Gaussian's gets a proportionally wider range.
            width[j] = baseline.spread(j) * Math.max(1.0, tail);
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
