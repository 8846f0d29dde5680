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
 *   <li>A latency percentile {@code latency_pNN} counts only when the window holds at least {@link #TAIL_REQUESTS}
 *       requests above it (the 95th from 100 requests, the 99th from 500); below that it is essentially the slowest
 *       request, and the highest lower percentile the window can support stands in for it (down to the median, which
 *       is always kept).</li>
 * </ul>
 * Vectors without {@code event_count} (other domains) pass unchanged.
 */
final class SmallSampleGuard {
    /** Successful requests added to every window's error rate. */
    static final double PRIOR_REQUESTS = 10;
    /** Requests a window must hold above a latency percentile for that percentile to count. */
    static final double TAIL_REQUESTS = 5;
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
        guardPercentiles(names, values, requests);
        return values;
    }

    /**
     * Each percentile the window cannot support takes the value of the highest lower one (in the order of their
     * levels); the lowest is always kept.
     */
    private static void guardPercentiles(List<String> names, double[] values, double requests) {
        int[] byLevel = new int[100];
        java.util.Arrays.fill(byLevel, -1);
        for (int i = 0; i < Math.min(names.size(), values.length); i++) {
            Matcher m = PERCENTILE.matcher(names.get(i));
            if (m.matches()) {
                byLevel[Integer.parseInt(m.group(1))] = i;
            }
        }
        int lower = -1;
        for (int level = 1; level < 100; level++) {
            int i = byLevel[level];
            if (i < 0) {
                continue;
            }
            if (lower >= 0 && requests * (1 - level / 100.0) < TAIL_REQUESTS) {
                values[i] = values[lower];
            }
            lower = i;
        }
    }
}
