package dev.vigil.models;

import java.io.Serial;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Predicts an entity's next window from its last k windows with a linear autoregression on transformed,
 * standardised features, and scores a window by how far it is from that forecast. Raw score = root mean
 * square over features of the forecast error divided by that feature's robust residual spread in training, widened by
 * the tail of its errors ({@link FeatureBaseline#tailWidened}).
 *
 * <p>With fewer than k windows of history the oldest available window is repeated; with none, the
 * training mean is used, so a new entity is scored against "typical" behaviour. Context features
 * ({@link Params#CONTEXT_FEATURES}, the calendar) feed the forecast but their errors do not count.
 */
public final class ForecasterModel extends CalibratedModel {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int lags;
    private final FeatureTransform transform;
    private final double[] mean;
    private final double[] scale;
    /** Row-major (lags·d + 1) × d weights; the last row is the intercept. */
    private final double[][] weights;
    private final double[] residualSpread;
    /** Whether each feature's forecast error counts towards the score (context features' do not); null: all count. */
    private final boolean[] judged;

    ForecasterModel(int lags, FeatureTransform transform, double[] mean, double[] scale, double[][] weights,
                    double[] residualSpread, boolean[] judged, List<String> featureNames, Map<String, String> parameters,
                    double targetFpr) {
        super(featureNames, parameters, targetFpr);
        this.lags = lags;
        this.transform = transform;
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.residualSpread = residualSpread;
        this.judged = judged.clone();
    }

    @Override
    public String algorithm() {
        return Algorithms.FORECASTER;
    }

    @Override
    public int historyLength() {
        return lags;
    }

    @Override
    double raw(double[] features, List<double[]> history) {
        return rawFromDeviations(deviations(features, forecast(history)));
    }

    @Override
    List<TopFeature> explain(double[] features, List<double[]> history) {
        double[] forecast = forecast(history);
        return explain(features, forecast, deviations(features, forecast));
    }

    /** The forecast is the costly part: compute it once for both the score and the explanation. */
    @Override
    Scored scoreChecked(double[] features, List<double[]> history) {
        double[] forecast = forecast(history);
        double[] deviations = deviations(features, forecast);
        return scored(rawFromDeviations(deviations), explain(features, forecast, deviations));
    }

    /** |standardised value - forecast| / residual spread, per feature; 0 for a context feature. */
    private double[] deviations(double[] features, double[] forecast) {
        double[] deviations = new double[features.length];
        for (int j = 0; j < features.length; j++) {
            deviations[j] = judged(j) ? Math.abs(standardise(j, features[j]) - forecast[j]) / residualSpread[j] : 0;
        }
        return deviations;
    }

    private boolean judged(int feature) {
        return judged == null || judged[feature];
    }

    /** Root mean square of the judged features' deviations. */
    double rawFromDeviations(double[] deviations) {
        double sum = 0;
        int counted = 0;
        for (int j = 0; j < deviations.length; j++) {
            if (judged(j)) {
                sum += deviations[j] * deviations[j];
                counted++;
            }
        }
        return counted == 0 ? 0 : Math.sqrt(sum / counted);
    }

    private List<TopFeature> explain(double[] features, double[] forecast, double[] deviations) {
        int[] top = FeatureBaseline.topIndices(deviations, Scored.TOP_FEATURES);
        return Arrays.stream(top)
                .mapToObj(j -> new TopFeature(featureNames().get(j), features[j],
                        transform.invert(mean[j] + scale[j] * forecast[j]), deviations[j]))
                .toList();
    }

    /** Standardised forecast of the next window from up to {@code lags} past windows, oldest first. */
    double[] forecast(List<double[]> history) {
        int d = mean.length;
        double[] forecast = weights[lags * d].clone();
        int available = history.size();
        for (int lag = 0; lag < lags; lag++) {
            double[] window = pastWindow(history, available, lag);
            int offset = lag * d;
            for (int j = 0; j < d; j++) {
                double x = window == null ? 0.0 : standardise(j, window[j]);
                if (x != 0.0) {
                    double[] row = weights[offset + j];
                    for (int o = 0; o < d; o++) {
                        forecast[o] += x * row[o];
                    }
                }
            }
        }
        return forecast;
    }

    /** Window for input slot {@code lag} (0 = oldest of the k slots), padding a short history. */
    private double[] pastWindow(List<double[]> history, int available, int lag) {
        if (available == 0) {
            return null;
        }
        int index = available - lags + lag;
        double[] window = history.get(Math.max(0, index));
        if (window.length != mean.length) {
            throw new IllegalArgumentException("history window has " + window.length + " features, expected " + mean.length);
        }
        return window;
    }

    double standardise(int feature, double value) {
        return (transform.apply(value) - mean[feature]) / scale[feature];
    }
}
