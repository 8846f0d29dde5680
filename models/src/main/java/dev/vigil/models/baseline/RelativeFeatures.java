package dev.vigil.models.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Features of an entity expressed relative to its own {@link RollingBaseline}, so that a model trained on some
 * peers transfers to others whose volumes differ by an order of magnitude: for each feature {@code f},
 * {@code f.ratio} = value / (1 + median) and {@code f.z} = robust z-score. Used the same way by the aggregator
 * (online, state in a store) and by the BGP bench (over a file's rows in time order). Label-free.
 *
 * @param capacity samples per feature in the baseline
 * @param warmup   windows taken one by one before sampling once per slot
 * @param slot     time between samples
 */
public record RelativeFeatures(int capacity, int warmup, Duration slot) {
    public static final String RATIO = ".ratio";
    public static final String Z = ".z";
    /** The shipped configuration: 96 samples 15 minutes apart (the last day), the first 8 windows taken as they come. */
    public static final RelativeFeatures DEFAULT = new RelativeFeatures(96, 8, Duration.ofMinutes(15));

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
     * The relative values of one window (ordered as {@link #names}), then the window taken into the baseline.
     * z-scores are clipped to ±1e6 so a feature with a tiny spread cannot overflow a model's arithmetic.
     */
    public double[] apply(RollingBaseline baseline, double[] values, long windowStartMillis) {
        int d = values.length;
        double[] out = new double[2 * d];
        for (int j = 0; j < d; j++) {
            out[j] = baseline.ratio(j, values[j]);
            out[d + j] = Math.clamp(baseline.z(j, values[j]), -1e6, 1e6);
        }
        baseline.update(values, windowStartMillis);
        return out;
    }
}
