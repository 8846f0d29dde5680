package dev.vigil.aggregator.telemetry;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * One service's usual request rate at each hour of the day (UTC), learned from its own windows, and how far a window's
 * rate lies from it: {@code count_vs_hour} = ln(1 + requests per minute) − the hour's usual value. A model scores a
 * vector without knowing its service or its history, so a five-fold spike at night looks like an afternoon, and a drop
 * to a tenth at noon like a quiet night; measured against the service's own hour, both stand out (about ±1.5 and more,
 * where a service's ordinary minute-to-minute noise is a few tenths). Label-free, so it runs in the aggregator.
 *
 * <p>Each hour's value is the mean of the log rate over that hour's windows, then, once {@link #MEMORY} of that hour
 * has been seen, an exponentially weighted mean with the same memory: a lasting change in a service's traffic is its
 * new normal within a few days. A window further than {@link #HOLD} from its hour's value counts a quarter as much, so
 * an hour-long incident does not become tomorrow's normal while a lasting change still does. The feature is 0 until
 * the hour has {@link #READY} of windows: an unseen hour says nothing. Log rates per minute, so the window length may
 * change without restarting.
 */
public final class HourlyProfile {
    static final int HOURS = 24;
    /** How much of one hour's windows the value is a mean over: three days. */
    static final Duration MEMORY = Duration.ofHours(3);
    /** Windows of an hour needed before it says anything. */
    static final Duration READY = Duration.ofMinutes(30);
    /** Deviation (in log rate) beyond which a window is learned at a quarter of its weight: a factor of about 2.7. */
    static final double HOLD = 1.0;
    private static final double HELD_WEIGHT = 0.25;
    /** Encoded size: a mean (float) and minutes seen (int) per hour. */
    public static final int BYTES = HOURS * (Float.BYTES + Integer.BYTES);

    private final float[] mean = new float[HOURS];
    private final int[] minutesSeen = new int[HOURS];

    /**
     * {@code count_vs_hour} of a window of {@code window} that started at {@code windowStart} and held {@code count}
     * requests; then the window is learned.
     */
    public double deviationThenLearn(Instant windowStart, long count, Duration window) {
        int hour = (int) Math.floorMod(windowStart.getEpochSecond() / 3600, (long) HOURS);
        double minutes = Math.max(1e-3, window.toMillis() / 60_000.0);
        double value = Math.log1p(count / minutes);
        boolean ready = minutesSeen[hour] >= READY.toMinutes();
        double deviation = ready ? value - mean[hour] : 0;
        learn(hour, value, minutes, ready && Math.abs(deviation) > HOLD);
        return deviation;
    }

    private void learn(int hour, double value, double minutes, boolean held) {
        double seen = minutesSeen[hour] + minutes;
        double weight = minutes / Math.min(seen, MEMORY.toMinutes()) * (held ? HELD_WEIGHT : 1);
        mean[hour] += (float) (weight * (value - mean[hour]));
        minutesSeen[hour] = (int) Math.min(Integer.MAX_VALUE, Math.round(seen));
    }

    public void writeTo(ByteBuffer out) {
        for (int h = 0; h < HOURS; h++) {
            out.putFloat(mean[h]).putInt(minutesSeen[h]);
        }
    }

    public static HourlyProfile readFrom(ByteBuffer in) {
        HourlyProfile p = new HourlyProfile();
        for (int h = 0; h < HOURS; h++) {
            p.mean[h] = in.getFloat();
            p.minutesSeen[h] = in.getInt();
        }
        return p;
    }
}
