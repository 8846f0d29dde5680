package dev.vigil.sketches;

import java.util.Arrays;

/**
 * Distances between two distributions given as sketches. Everything is computed on the sketches'
 * {@link DistributionCurve}s, never on raw data; accuracy against exact computations on the raw samples is
 * checked in the tests.
 */
public final class DriftStatistics {

    /** Number of PSI bins by default: deciles of the baseline. */
    public static final int DEFAULT_PSI_BINS = 10;
    /**
     * Floor for a bin's share in PSI. An empty bin makes PSI infinite; flooring at 1e-4 (one in ten
     * thousand, a common convention) keeps it finite while a bin that empties still adds about
     * 0.1 * ln(1000) = 0.69 on its own, far above the 0.25 convention for a major shift.
     */
    public static final double DEFAULT_PSI_EPSILON = 1e-4;
    /** Ratio of a normal distribution's IQR to its central 90% range, for the zero-IQR fallback. */
    static final double IQR_PER_CENTRAL_90_RANGE = 1.3490 / 3.2897;

    private DriftStatistics() {
    }

    /** All statistics of a window against its baseline, with default PSI bins and epsilon. */
    public static DistributionComparison compare(Sketch baseline, Sketch window) {
        return compare(baseline, window, DEFAULT_PSI_BINS, DEFAULT_PSI_EPSILON);
    }

    /** All statistics of a window against its baseline. */
    public static DistributionComparison compare(Sketch baseline, Sketch window, int psiBins, double psiEpsilon) {
        if (baseline.isEmpty() || window.isEmpty()) {
            return DistributionComparison.undefined(baseline.count(), window.count());
        }
        DistributionCurve b = baseline.curve();
        DistributionCurve w = window.curve();
        Scale scale = scale(b);
        double wasserstein = wasserstein(b, w);
        return new DistributionComparison(baseline.count(), window.count(), ks(b, w), psi(b, w, psiBins, psiEpsilon),
                wasserstein, wasserstein / scale.value(),
                (w.quantile(0.5) - b.quantile(0.5)) / scale.value(),
                (w.quantile(0.95) - b.quantile(0.95)) / scale.value(),
                scale.value(), scale.source());
    }

    /**
     * Kolmogorov-Smirnov distance sup_x |F1(x) - F2(x)|. Both curves are linear between their knots and jump
     * only at knots, so the supremum is reached at a knot of one of them, from the left or the right: those
     * are exactly the points evaluated, in one merged pass over both knot lists.
     */
    public static double ks(DistributionCurve a, DistributionCurve b) {
        DistributionCurve.Sweep sa = a.sweep();
        DistributionCurve.Sweep sb = b.sweep();
        double sup = 0;
        int i = 0;
        int j = 0;
        while (i < a.knotCount() || j < b.knotCount()) {
            double x = j >= b.knotCount() || (i < a.knotCount() && a.knotValue(i) <= b.knotValue(j))
                    ? a.knotValue(i) : b.knotValue(j);
            sup = Math.max(sup, Math.abs(sa.cdfBefore(x) - sb.cdfBefore(x)));
            sup = Math.max(sup, Math.abs(sa.cdf(x) - sb.cdf(x)));
            while (i < a.knotCount() && a.knotValue(i) == x) {
                i++;
            }
            while (j < b.knotCount() && b.knotValue(j) == x) {
                j++;
            }
        }
        return sup;
    }

    /**
     * Population stability index sum (w_i - b_i) ln(w_i / b_i) over bins whose inner edges are the baseline's
     * quantiles at 1/bins, 2/bins, ... Bins are (edge_{i-1}, edge_i]; equal edges (ties in discrete data)
     * are merged, so discrete features get fewer, unequal bins. Shares below {@code epsilon} are raised to it.
     */
    public static double psi(DistributionCurve baseline, DistributionCurve window, int bins, double epsilon) {
        if (bins < 2 || !(epsilon > 0)) {
            throw new IllegalArgumentException("need at least 2 bins and a positive epsilon");
        }
        double[] edges = baselineEdges(baseline, bins);
        double sum = 0;
        double baselineBelow = 0;
        double windowBelow = 0;
        for (int i = 0; i <= edges.length; i++) {
            double baselineUpTo = i < edges.length ? baseline.cdf(edges[i]) : 1;
            double windowUpTo = i < edges.length ? window.cdf(edges[i]) : 1;
            double expected = Math.max(epsilon, baselineUpTo - baselineBelow);
            double actual = Math.max(epsilon, windowUpTo - windowBelow);
            sum += (actual - expected) * Math.log(actual / expected);
            baselineBelow = baselineUpTo;
            windowBelow = windowUpTo;
        }
        return sum;
    }

    private static double[] baselineEdges(DistributionCurve baseline, int bins) {
        double[] edges = new double[bins - 1];
        int distinct = 0;
        for (int i = 1; i < bins; i++) {
            double edge = baseline.quantile((double) i / bins);
            if (distinct == 0 || edge > edges[distinct - 1]) {
                edges[distinct++] = edge;
            }
        }
        return Arrays.copyOf(edges, distinct);
    }

    /**
     * Wasserstein-1 distance, the integral over p in [0, 1] of |Q1(p) - Q2(p)|. The grid is the union of both
     * curves' knot probabilities: between two grid points both quantile functions are linear, so the
     * integral of the absolute difference is computed exactly on each piece (with its sign change, if any);
     * no tail is cut off, which matters for heavy-tailed features.
     */
    public static double wasserstein(DistributionCurve a, DistributionCurve b) {
        DistributionCurve.Sweep sa = a.sweep();
        DistributionCurve.Sweep sb = b.sweep();
        double total = 0;
        double p0 = 0;
        int i = 0;
        int j = 0;
        while (i < a.knotCount() || j < b.knotCount()) {
            double p1 = j >= b.knotCount() || (i < a.knotCount() && a.knotProbability(i) <= b.knotProbability(j))
                    ? a.knotProbability(i++) : b.knotProbability(j++);
            double width = p1 - p0;
            if (width > 0) {
                // Both quantile functions are linear inside (p0, p1) but may jump at its ends, so the difference
                // is read at the quarter points and extended linearly to the ends.
                double d1 = sa.quantile(p0 + width / 4) - sb.quantile(p0 + width / 4);
                double d3 = sa.quantile(p0 + 3 * width / 4) - sb.quantile(p0 + 3 * width / 4);
                total += integralOfAbsLinear(d1 - (d3 - d1) / 2, d3 + (d3 - d1) / 2, width);
                p0 = p1;
            }
        }
        return total;
    }

    /** Integral over an interval of the given width of |f| for f linear from f0 to f1. */
    static double integralOfAbsLinear(double f0, double f1, double width) {
        if (f0 * f1 >= 0) {
            return width * (Math.abs(f0) + Math.abs(f1)) / 2;
        }
        // sign change: two triangles meeting at the zero crossing
        return width * (f0 * f0 + f1 * f1) / (2 * (Math.abs(f0) + Math.abs(f1)));
    }

    /** The baseline's spread used to express shifts: IQR, or a documented fallback when it is zero. */
    static Scale scale(DistributionCurve baseline) {
        double iqr = baseline.quantile(0.75) - baseline.quantile(0.25);
        if (iqr > 0) {
            return new Scale(iqr, DistributionComparison.ScaleSource.IQR);
        }
        double central = (baseline.quantile(0.95) - baseline.quantile(0.05)) * IQR_PER_CENTRAL_90_RANGE;
        if (central > 0) {
            return new Scale(central, DistributionComparison.ScaleSource.CENTRAL_RANGE);
        }
        return new Scale(1, DistributionComparison.ScaleSource.UNIT);
    }

    record Scale(double value, DistributionComparison.ScaleSource source) {
    }
}
