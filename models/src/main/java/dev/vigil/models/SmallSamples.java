package dev.vigil.models;

import java.util.List;

/**
 * Takes the sampling noise of a handful of requests out of a service's request statistics before a detector judges
 * them. At night a service may see four requests in five minutes: one failed request is then an error rate of 25 %, and
 * one request after ten a change of +900 %. Both are ordinary every night, yet beyond anything a model trained on the
 * day's busy windows has seen (in the demo, most of the services' false alerts before the drift were such windows,
 * flagged by the rules and the forecaster). No Kafka types.
 * <ul>
 *   <li>The error rate is read as if the window had held {@link #PRIOR_REQUESTS} more successful requests
 *       ({@code errors / (requests + 10)}, additive smoothing towards no errors): one error among four counts as 7 %,
 *       three among eight as 17 %, and in a busy window the rate barely changes (14 among 60: 23 % to 20 %).</li>
 *   <li>The change of the request count from the previous window is read as if both windows had held
 *       {@link #PRIOR_REQUESTS} more requests (see {@link #smoothedChange}).</li>
 * </ul>
 * Only vectors that carry {@code event_count} (a service's requests) are changed. The trained detectors record the
 * smoothing in their parameters ({@link #PARAMETER}), so a model trained before it keeps reading raw values.
 */
public final class SmallSamples {
    /** Successful requests added to every window's error rate and count change. */
    public static final double PRIOR_REQUESTS = 10;
    /** Model parameter naming how the model reads request statistics. */
    public static final String PARAMETER = "smallSamples";
    static final String COUNT = "event_count";
    static final String ERROR_RATE = "error_rate";
    static final String THROUGHPUT_CHANGE = "throughput_change";

    /** How a model reads request statistics. */
    public enum Reading {
        /** As {@link SmallSamples} smooths them. */
        SMOOTHED,
        /** As the aggregator computed them. */
        RAW
    }

    private SmallSamples() {
    }

    /** Whether vectors with these features carry request statistics to smooth. */
    public static boolean applies(List<String> names) {
        return names.contains(COUNT) && (names.contains(ERROR_RATE) || names.contains(THROUGHPUT_CHANGE));
    }

    /** Smooths the request statistics of {@code values} (ordered as {@code names}) in place, and returns them. */
    public static double[] smoothInPlace(List<String> names, double[] values) {
        int count = names.indexOf(COUNT);
        if (count < 0 || count >= values.length) {
            return values;
        }
        double requests = Math.max(0, values[count]);
        int errorRate = names.indexOf(ERROR_RATE);
        if (errorRate >= 0 && errorRate < values.length) {
            values[errorRate] = values[errorRate] * requests / (requests + PRIOR_REQUESTS);
        }
        int change = names.indexOf(THROUGHPUT_CHANGE);
        if (change >= 0 && change < values.length) {
            values[change] = smoothedChange(requests, values[change]);
        }
        return values;
    }

    /** A smoothed copy of {@code values}. */
    public static double[] smoothed(List<String> names, double[] values) {
        return smoothInPlace(names, values.clone());
    }

    /** Every row smoothed; the same set when its features carry no request statistics. */
    public static TrainingSet smoothed(TrainingSet data) {
        if (!applies(data.featureNames())) {
            return data;
        }
        double[][] rows = new double[data.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = smoothed(data.featureNames(), data.features()[i]);
        }
        return data.withFeatures(rows);
    }

    /**
     * The change of the request count from the previous window read as if both windows had held
     * {@link #PRIOR_REQUESTS} more requests: {@code (count - previous) / (previous + 10)}. The aggregator's
     * {@code (count - previous) / max(previous, 1)} swings from -90 % to +700 % when a quiet service goes from ten
     * requests to one and back to eight; the smoothed change keeps such a night at -45 % and +64 %, and a busy service's
     * drop from 200 to 20 at -86 % instead of -90 %. The previous count is recovered from the count and the change; a
     * window with no request keeps the change it has (-100 %), since its previous count cannot be recovered.
     */
    public static double smoothedChange(double count, double change) {
        if (count <= 0 || change <= -1) {
            return change;
        }
        // (count - previous) / max(previous, 1): previous = count / (1 + change) when previous >= 1, and change = count
        // exactly when previous was 0.
        double previous = change == count ? 0 : count / (1 + change);
        return (count - previous) / (previous + PRIOR_REQUESTS);
    }
}
