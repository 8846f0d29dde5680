package dev.vigil.sketches;

import java.util.Arrays;

/**
 * Exact quantiles of a small sample held in memory (sketches serve the large ones): the value of 0-based rank
 * floor(p · n) among the n sorted values, so p = 0 gives the smallest, p = 1 the largest and p = 0.5 the upper median of
 * an even count. One definition for the whole project, so figures computed in different places agree.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** The p-quantile of values sorted ascending; NaN for no values. */
    public static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("A quantile's probability is in [0, 1], not " + p);
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /** The p-quantile of values in any order (they are copied, not sorted in place); NaN for no values. */
    public static double of(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, p);
    }
}
