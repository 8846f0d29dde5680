package dev.vigil.detectors;

import dev.vigil.models.SmallSamples;
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
 *   <li>The error rate and the count's change from the previous window are read as newly trained detectors read
 *       them ({@link SmallSamples}).</li>
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
    private static final Pattern PERCENTILE = Pattern.compile("latency_p(\\d{2})");

    private SmallSampleGuard() {
    }

    /** The values to judge, in place of {@code values} (same order as {@code names}; changed in place and returned). */
    static double[] apply(List<String> names, double[] values) {
        if (!names.contains("event_count")) {
            return values;
        }
        SmallSamples.smoothInPlace(names, values);
        medianForTail(names, values);
        return values;
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
