package dev.vigil.aggregator.stream;

import java.time.Duration;

/**
 * Event-time windows of {@code size}, starting every {@code advance} (tumbling when equal, hopping when smaller),
 * aligned to the epoch. A window [s, s + size) closes once the stream time reaches s + size + grace: its vector is
 * emitted then, and a record that falls only in closed windows is late.
 */
public record WindowSpec(long sizeMillis, long advanceMillis, long graceMillis) {
    public WindowSpec {
        if (sizeMillis <= 0 || advanceMillis <= 0 || advanceMillis > sizeMillis || graceMillis < 0) {
            throw new IllegalArgumentException("Windows need 0 < advance <= size and grace >= 0, not size " + sizeMillis
                    + " ms, advance " + advanceMillis + " ms, grace " + graceMillis + " ms");
        }
    }

    public static WindowSpec of(Duration size, Duration advance, Duration grace) {
        return new WindowSpec(size.toMillis(), advance.toMillis(), grace.toMillis());
    }

    /** Starts of the windows that contain {@code timestamp}, oldest first. */
    public long[] starts(long timestamp) {
        long last = Math.floorDiv(timestamp, advanceMillis) * advanceMillis;
        long first = (Math.floorDiv(timestamp - sizeMillis, advanceMillis) + 1) * advanceMillis;
        int n = (int) ((last - first) / advanceMillis) + 1;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = first + i * advanceMillis;
        }
        return out;
    }

    public long end(long start) {
        return start + sizeMillis;
    }

    public boolean closed(long start, long streamTime) {
        return streamTime != Long.MIN_VALUE && start + sizeMillis + graceMillis <= streamTime;
    }

    /** The latest window start that is closed at {@code streamTime} (windows at or before it close). */
    public long lastClosedStart(long streamTime) {
        return Math.floorDiv(streamTime - sizeMillis - graceMillis, advanceMillis) * advanceMillis;
    }

    /** The window just before the one starting at {@code start}. */
    public long previousStart(long start) {
        return start - advanceMillis;
    }
}
