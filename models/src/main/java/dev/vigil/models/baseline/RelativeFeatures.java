package dev.vigil.models.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Features of an entity expressed relative to its own {@link RollingBaseline}, so that a model trained on some
 * peers transfers to others whose volumes differ by an order of magnitude: for each feature {@code f},
 * {@code f.ratio} = value / (1 + median) and {@code f.z} = robust z-score, within ±{@link #Z_LIMIT}. Used the same
 * way by the aggregator (online, state in a store) and by the BGP bench (over a file's rows in time order). Label-free.
 *
 * <p>Once the baseline is full (a day of samples: a younger one has not seen enough to say what is normal, and holding
 * back on it would keep it narrow), a window that stands out (more than {@code holdShare} of its features beyond
 * {@code holdZ} robust SDs) is not taken into the baseline, so a long incident (a worm spreading for days) does not become the peer's normal
 * within a day and stop standing out; for at most {@code maxHold} since the last sample. After that a window that
 * stands out is taken, and so is every next one while the newest sample itself stands out, until the lasting change
 * is the new normal.
 *
 * @param capacity  samples per feature in the baseline
 * @param warmup    windows taken one by one before sampling once per slot
 * @param slot      time between samples
 * @param holdZ     robust z-score beyond which a feature stands out
 * @param holdShare share of features that must stand out for the window to be held back (1 or more: never)
 * @param maxHold   longest time without a sample while windows are held back
 */
public record RelativeFeatures(int capacity, int warmup, Duration slot, double holdZ, double holdShare, Duration maxHold) {
    public static final String RATIO = ".ratio";
    public static final String Z = ".z";
    /**
     * The shipped configuration: 96 samples 15 minutes apart (the last day), the first 8 windows taken as they come;
     * windows with more than 10 % of features beyond 5 robust SDs held back for up to two days.
     */
    public static final RelativeFeatures DEFAULT = new RelativeFeatures(96, 8, Duration.ofMinutes(15), 5, 0.1, Duration.ofDays(2));

    /** A baseline that takes every window's sample, whatever it holds. */
    public RelativeFeatures(int capacity, int warmup, Duration slot) {
        this(capacity, warmup, slot, Double.POSITIVE_INFINITY, 1, Duration.ZERO);
    }

    /** Names of the relative features of {@code base}: every {@code f.ratio}, then every {@code f.z}. */
    public static List<String> names(List<String> base) {
        List<String> names = new ArrayList<>(2 * base.size());
        base.forEach(f -> names.add(f + RATIO));
        base.forEach(f -> names.add(f + Z));
        return List.copyOf(names);
    }

    public RollingBaseline newBaseline(int features) {
        return new RollingBaseline(features, capacity, warmup, slot.toMillis());
    }

    /**
     * Largest |z| a window gets. A baseline of about a hundred samples cannot tell a one-in-a-thousand value from a
     * one-in-a-million one: beyond this, a z-score says only how many of the ring's samples happened to differ from
     * the median. A feature that is nearly constant (a peer's longest AS path is 5 in 99 windows of 100) got a scale
     * from one or two differing samples, and the same ordinary 4 read -42 one hour and -137 the next: models trained
     * on the first flagged the second (hundreds of normal windows per simulated day beyond ±20 in the demo).
     */
    public static final double Z_LIMIT = 10;

    /**
     * The relative values of one window (ordered as {@link #names}), then the window taken into the baseline unless
     * it is held back. z-scores are clipped to ±{@link #Z_LIMIT}.
     */
    public double[] apply(RollingBaseline baseline, double[] values, long windowStartMillis) {
        int d = values.length;
        double[] out = new double[2 * d];
        int standingOut = 0;
        for (int j = 0; j < d; j++) {
            out[j] = baseline.ratio(j, values[j]);
            out[d + j] = Math.clamp(baseline.z(j, values[j]), -Z_LIMIT, Z_LIMIT);
            standingOut += Math.abs(out[d + j]) > holdZ ? 1 : 0;
        }
        if (!heldBack(baseline, standingOut > holdShare * d, d, windowStartMillis)) {
            baseline.update(values, windowStartMillis);
        }
        return out;
    }

    private boolean heldBack(RollingBaseline baseline, boolean standsOut, int features, long windowStartMillis) {
        if (!baseline.full() || !standsOut) {
            return false;
        }
        double[] newest = new double[features];
        Arrays.setAll(newest, baseline::newest);
        boolean takingInAChange = standsOut(baseline, newest);
        return !takingInAChange && windowStartMillis - baseline.newestSampleMillis() < maxHold.toMillis();
    }

    private boolean standsOut(RollingBaseline baseline, double[] values) {
        int count = 0;
        for (int j = 0; j < values.length; j++) {
            count += Math.abs(baseline.z(j, values[j])) > holdZ ? 1 : 0;
        }
        return count > holdShare * values.length;
    }
}
