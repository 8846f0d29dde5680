package dev.vigil.detectors;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the sampling noise of small windows out of a service's request features before the adaptive detector judges
 * them. That detector alarms on a value beyond anything the entity has shown, which is right for a metric but not for
 * a statistic of a handful of requests: at night a service may see four requests in five minutes, and one failed
 * request is then an error rate of 25 %, one slow request its 95th and 99th latency percentiles. Both are new records
 * every night, and neither is an incident. No Kafka types.
 * <ul>
 *   <li>The error rate is read as if the window had held {@link #PRIOR_REQUESTS} more successful requests
 *       ({@code errors / (requests + 10)}, additive smoothing towards no errors): one error among four counts as 7 %,
 *       three among eight as 17 %, and in a busy window the rate barely changes (14 among 60: 23 % to 20 %).</li>
 *   <li>Latency is judged by its median: every percentile above the lowest one a vector carries ({@code latency_p50})
 *       reads as that one. A tail percentile's meaning depends on the window's request count: from four requests the
 *       95th is the slowest request, from a hundred it is the real tail. Read as the median only in windows too small to
 *       support it (as once done), a service's tail appeared for the first time in its first busy window (a busy hour,
 *       or traffic that grew) and was a record the detector had never seen: in the demo, most false alerts after the
 *       traffic change were such windows. The tail stays with the trained detectors, which learn each percentile's
 *       spread over all of a domain's windows.</li>
 * </ul>
 * Vectors without {@code event_count} (other domains) pass unchanged.
 */
final class SmallSampleGuard {
    /** Successful requests added to every window's error rate. */
    static final double PRIOR_REQUESTS = 10;
    private static final Pattern PERCENTILE = Pattern.compile("latency_p(\\d{2})");

    private SmallSampleGuard() {
    }

    /** The values to judge, in place of {@code values} (same order as {@code names}; changed in place and returned). */
    static double[] apply(List<String> names, double[] values) {
        int count = names.indexOf("event_count");
        if (count < 0 || count >= values.length) {
            return values;
        }
        double requests = Math.max(0, values[count]);
        int errorRate = names.indexOf("error_rate");
        if (errorRate >= 0 && errorRate < values.length) {
            values[errorRate] = values[errorRate] * requests / (requests + PRIOR_REQUESTS);
        }
        int change = names.indexOf("throughput_change");
        if (change >= 0 && change < values.length) {
            values[change] = smoothedChange(requests, values[change]);
        }
        medianForTail(names, values);
        return values;
    }

    /**
     * The change of the request count from the previous window read as if both windows had held
     * {@link #PRIOR_REQUESTS} more requests: {@code (count - previous) / (previous + 10)}. The aggregator's
     * {@code (count - previous) / max(previous, 1)} swings from -90 % to +700 % when a quiet service goes from ten
     * requests to one and back to eight; the smoothed change keeps such a night at -45 % and +64 %, and a busy service's
     * drop from 200 to 20 at -86 % instead of -90 %. The previous count is recovered from the count and the change; a
     * window with no request keeps the change it has (-100 %), since its previous count cannot be recovered.
     */
    static double smoothedChange(double count, double change) {
        if (count <= 0 || change <= -1) {
            return change;
        }
        // (count - previous) / max(previous, 1): previous = count / (1 + change) when previous >= 1, and change = count
        // exactly when previous was 0.
        double previous = change == count ? 0 : count / (1 + change);
        return (count - previous) / (previous + PRIOR_REQUESTS);
    }

    /** Each latency percentile above the lowest one takes the lowest one's value. */
    private static void medianForTail(List<String> names, double[] values) {
        int lowest = -1;
        int lowestLevel = Integer.MAX_VALUE;
        for (int i = 0; i < Math.min(names.size(), values.length); i++) {
            Matcher m = PERCENTILE.matcher(names.get(i));
            if (m.matches() && Integer.parseInt(m.group(1)) < lowestLevel) {
                lowestLevel = Integer.parseInt(m.group(1));
                lowest = i;
            }
        }
        for (int i = 0; i < Math.min(names.size(), values.length); i++) {
            if (i != lowest && PERCENTILE.matcher(names.get(i)).matches()) {
                values[i] = values[lowest];
            }
        }
    }
}
