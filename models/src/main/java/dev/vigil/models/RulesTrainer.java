package dev.vigil.models;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Learns {@link RulesModel} bounds from the normal rows of a training set. */
final class RulesTrainer {
    /**
     * Quantile of a feature's robust deviations that sets how much its width is widened: the width grows by how far
     * that quantile lies beyond a Gaussian's. By default the quantile the target false-positive rate names (0.995 at
     * 0.5 %), so each feature on its own breaks its rule about that rarely and no single feature sets the threshold for
     * all; at most the quantile with five training rows beyond it, so that it is not one outlier. The median, used
     * before, left sparse and heavy-tailed features (an error rate that is 0 in most windows; the change in request
     * count from a near-empty window) at widths their ordinary blips exceeded tens of times, the threshold calibrated
     * to those blips, and a six-fold latency or a 35 % error rate stayed under it.
     */
    static final String TAIL_QUANTILE = "tailQuantile";
    /** Rows that must lie beyond the default tail quantile. */
    private static final int TAIL_ROWS = 5;
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
        double tailQuantile = params.decimal(TAIL_QUANTILE, defaultTailQuantile(targetFpr, normal.length), 0.5, 0.9999);
        // |z| at that quantile for Gaussian data: a feature with a tail no heavier keeps its robust spread.
        double gaussianTail = new NormalDistribution().inverseCumulativeProbability(0.5 + tailQuantile / 2);
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
            // A feature whose tail is heavier than a Gaussian's gets a proportionally wider range, so that each feature
            // breaks its rule about as rarely as a Gaussian one would and no single feature sets the threshold for all.
            width[j] = baseline.spread(j) * Math.max(1.0, tail / gaussianTail);
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

    /** 1 - target FPR, but with at least {@link #TAIL_ROWS} of {@code rows} beyond it, and never below the median. */
    static double defaultTailQuantile(double targetFpr, int rows) {
        return Math.max(0.5, Math.min(1 - targetFpr, 1 - (double) TAIL_ROWS / rows));
    }
}
