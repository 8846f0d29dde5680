package dev.vigil.models;

import java.io.Serial;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Learned range rules: feature j is normal while |t(x_j) - median_j| <= c · width_j, where t is the
 * model's feature transform. The width is the feature's robust spread (MAD-based) widened by how heavy
 * its tail was in training, so bursty count features do not raise every alert; c is the model's
 * threshold, calibrated to the target false-positive rate. Raw score = the largest
 * |t(x_j) - median_j| / width_j; the rules broken are the top features.
 */
public final class RulesModel extends CalibratedModel {
    @Serial
    private static final long serialVersionUID = 1L;

    private final FeatureTransform transform;
    private final double[] median;
    private final double[] width;

    RulesModel(FeatureTransform transform, double[] median, double[] width, List<String> featureNames,
               Map<String, String> parameters, double targetFpr) {
        super(featureNames, parameters, targetFpr);
        this.transform = transform;
        this.median = median.clone();
        this.width = width.clone();
    }

    @Override
    public String algorithm() {
        return Algorithms.RULES;
    }

    /** Lower bound of feature j's normal range, in the feature's own units. */
    public double lowerBound(int feature) {
        return transform.invert(median[feature] - threshold() * width[feature]);
    }

    /** Upper bound of feature j's normal range, in the feature's own units. */
    public double upperBound(int feature) {
        return transform.invert(median[feature] + threshold() * width[feature]);
    }

    @Override
    double raw(double[] features, List<double[]> history) {
        double max = 0;
        for (int j = 0; j < features.length; j++) {
            max = Math.max(max, deviation(j, features[j]));
        }
        return max;
    }

    @Override
    List<TopFeature> explain(double[] features, List<double[]> history) {
        double[] deviations = new double[features.length];
        for (int j = 0; j < features.length; j++) {
            deviations[j] = deviation(j, features[j]);
        }
        int[] top = FeatureBaseline.topIndices(deviations, Scored.TOP_FEATURES);
        return Arrays.stream(top)
                .mapToObj(j -> new TopFeature(featureNames().get(j), features[j], transform.invert(median[j]), deviations[j]))
                .toList();
    }

    private double deviation(int feature, double value) {
        if (width[feature] == Double.POSITIVE_INFINITY) {
            return 0; // a context feature (Params.CONTEXT_FEATURES): no rule
        }
        return Math.abs(transform.apply(value) - median[feature]) / width[feature];
    }
}
