package dev.vigil.models;

import java.util.List;
import java.util.Map;

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
 *   <li>The change of the request count from the previous window is read as the log ratio of the two counts, each with
 *       {@link #PRIOR_REQUESTS} more requests (see {@link #logChange}), so that a drop and the recovery from it are
 *       equally far from normal.</li>
 * </ul>
 * Only vectors that carry {@code event_count} (a service's requests) are changed. The trained detectors record their
 * {@link Reading} in their parameters ({@link #PARAMETER}), so a model trained before a reading existed keeps the one
 * it was trained with.
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
        /** The smoothed error rate and the {@link #logChange log change} of the count: what new models read. */
        LOG_CHANGE,
        /** The smoothed error rate and the {@link #smoothedChange smoothed change} of the count (models trained before). */
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

    /** What a model reads when its parameters name no reading: the raw values (models trained before any smoothing). */
    public static Reading readingOf(Map<String, String> parameters) {
        String name = parameters.get(PARAMETER);
        for (Reading r : Reading.values()) {
            if (r.name().replace('_', '-').equalsIgnoreCase(name)) {
                return r;
            }
        }
        return Reading.RAW;
    }

    /** Smooths the request statistics of {@code values} (ordered as {@code names}) in place as new models read them. */
    public static double[] smoothInPlace(List<String> names, double[] values) {
        return readInPlace(names, values, Reading.LOG_CHANGE);
    }

    /** The request statistics of {@code values} (ordered as {@code names}) as {@code reading} reads them, in place. */
    public static double[] readInPlace(List<String> names, double[] values, Reading reading) {
        int count = names.indexOf(COUNT);
        if (reading == Reading.RAW || count < 0 || count >= values.length) {
            return values;
        }
        double requests = Math.max(0, values[count]);
        int errorRate = names.indexOf(ERROR_RATE);
        if (errorRate >= 0 && errorRate < values.length) {
            values[errorRate] = values[errorRate] * requests / (requests + PRIOR_REQUESTS);
        }
        int change = names.indexOf(THROUGHPUT_CHANGE);
        if (change >= 0 && change < values.length) {
            values[change] = reading == Reading.LOG_CHANGE ? logChange(requests, values[change])
                    : smoothedChange(requests, values[change]);
        }
        return values;
    }

    /** A copy of {@code values} as new models read it. */
    public static double[] smoothed(List<String> names, double[] values) {
        return read(names, values, Reading.LOG_CHANGE);
    }

    /** A copy of {@code values} as {@code reading} reads it. */
    public static double[] read(List<String> names, double[] values, Reading reading) {
        return readInPlace(names, values.clone(), reading);
    }

    /** Every row as new models read it; the same set when its features carry no request statistics. */
    public static TrainingSet smoothed(TrainingSet data) {
        return read(data, Reading.LOG_CHANGE);
    }

    /** Every row as {@code reading} reads it; the same set when its features carry no request statistics. */
    public static TrainingSet read(TrainingSet data, Reading reading) {
        if (reading == Reading.RAW || !applies(data.featureNames())) {
            return data;
        }
        double[][] rows = new double[data.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = read(data.featureNames(), data.features()[i], reading);
        }
        return data.withFeatures(rows);
    }

    /**
     * The change of the request count from the previous window as {@code ln((count + 10) / (previous + 10))}. The
     * aggregator's {@code (count - previous) / max(previous, 1)}, even smoothed, is lopsided: a drop to a tenth cannot go
     * below -100 % while the recovery from it reads several hundred per cent, so the models saw the end of a traffic drop
     * as the anomaly and the drop itself as ordinary (in the demo a service's traffic coming back after a drop, +330 %
     * smoothed, alerted after the drop's own windows did not). On the log scale a drop from 50 to 4 reads -1.46 and the
     * way back +1.46; a busy service's 100 to 80 reads -0.20, as before. A window with no request keeps -1 (its previous
     * count cannot be recovered; -1 is a drop from about 17 to none).
     */
    public static double logChange(double count, double change) {
        if (count <= 0 || change <= -1) {
            return change;
        }
        return Math.log((count + PRIOR_REQUESTS) / (previous(count, change) + PRIOR_REQUESTS));
    }

    /** The previous window's count recovered from {@code (count - previous) / max(previous, 1)}; count > 0, change > -1. */
    private static double previous(double count, double change) {
        // previous = count / (1 + change) when previous >= 1, and change = count exactly when previous was 0.
        return change == count ? 0 : count / (1 + change);
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
        double previous = previous(count, change);
        return (count - previous) / (previous + PRIOR_REQUESTS);
    }
}
