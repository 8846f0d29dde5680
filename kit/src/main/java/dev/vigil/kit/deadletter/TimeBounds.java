package dev.vigil.kit.deadletter;

import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * The sane range of an input's event time (a window start, a timestamp). A record outside it is refused
 * before it can move any clock: one vector dated next year would otherwise make every later vector of its
 * domain look late to the drift monitor.
 *
 * <ul>
 *   <li>{@code vigil.input.max.future} (default 1 day): no later than the wall clock plus this (clock skew).</li>
 *   <li>{@code vigil.input.earliest} (default 1990-01-01T00:00:00Z): nothing before it (epoch 0, negative times);
 *       the labelled BGP sets start in 2001.</li>
 *   <li>{@code vigil.input.max.past} (default none): no earlier than the stream time minus this. Off by
 *       default because replaying a labelled set of old events into a running stream is normal.</li>
 * </ul>
 */
public record TimeBounds(Duration maxFuture, Instant earliest, Duration maxPast) {
    public static final String MAX_FUTURE = "vigil.input.max.future";
    public static final String EARLIEST = "vigil.input.earliest";
    public static final String MAX_PAST = "vigil.input.max.past";

    public static TimeBounds from(VigilConfig config) {
        Duration maxPast = config.has(MAX_PAST) ? config.getDuration(MAX_PAST, null) : null;
        return new TimeBounds(config.getDuration(MAX_FUTURE, Duration.ofDays(1)),
                Instant.parse(config.get(EARLIEST, "1990-01-01T00:00:00Z")), maxPast);
    }

    /** Null when the event time is within bounds, else why not. */
    public String problem(String what, long eventMs, long streamTimeMs, long wallClockMs) {
        if (eventMs > wallClockMs + maxFuture.toMillis()) {
            return what + " " + Instant.ofEpochMilli(eventMs) + " is more than " + maxFuture + " after the wall clock "
                    + Instant.ofEpochMilli(wallClockMs) + " (" + MAX_FUTURE + ")";
        }
        if (eventMs < earliest.toEpochMilli()) {
            return what + " " + Instant.ofEpochMilli(eventMs) + " is before " + earliest + " (" + EARLIEST + ")";
        }
        if (maxPast != null && streamTimeMs >= 0 && eventMs < streamTimeMs - maxPast.toMillis()) {
            return what + " " + Instant.ofEpochMilli(eventMs) + " is more than " + maxPast + " before the stream time "
                    + Instant.ofEpochMilli(streamTimeMs) + " (" + MAX_PAST + ")";
        }
        return null;
    }

    /** Whether a record timestamp may advance stream time: not in the future beyond the bound. */
    public boolean mayAdvanceStreamTime(long timestampMs, long wallClockMs) {
        return timestampMs >= 0 && timestampMs <= wallClockMs + maxFuture.toMillis();
    }
}
