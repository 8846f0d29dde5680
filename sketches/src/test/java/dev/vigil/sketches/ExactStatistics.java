package dev.vigil.sketches;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reference computations on raw samples, with the same conventions as {@link DriftStatistics}. */
final class ExactStatistics {

    private ExactStatistics() {
    }

    /** Lower-inverse sample quantile: the smallest sample x with ECDF(x) &ge; p. */
    static double quantile(double[] sorted, double p) {
        int index = Math.max(0, (int) Math.ceil(p * sorted.length) - 1);
        return sorted[index];
    }

    /** ECDF(x) = share of samples &le; x. */
    static double ecdf(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (double) lo / sorted.length;
    }

    /** PSI with bins at the baseline's sample quantiles i/bins, equal edges merged, shares floored at epsilon. */
    static double psi(double[] baseline, double[] window, int bins, double epsilon) {
        double[] b = sorted(baseline);
        double[] w = sorted(window);
        List<Double> edges = new ArrayList<>();
        for (int i = 1; i < bins; i++) {
            double edge = quantile(b, (double) i / bins);
            if (edges.isEmpty() || edge > edges.getLast()) {
                edges.add(edge);
            }
        }
        double sum = 0;
        double baselineBelow = 0;
        double windowBelow = 0;
        for (int i = 0; i <= edges.size(); i++) {
            double baselineUpTo = i < edges.size() ? ecdf(b, edges.get(i)) : 1;
            double windowUpTo = i < edges.size() ? ecdf(w, edges.get(i)) : 1;
            double expected = Math.max(epsilon, baselineUpTo - baselineBelow);
            double actual = Math.max(epsilon, windowUpTo - windowBelow);
            sum += (actual - expected) * Math.log(actual / expected);
            baselineBelow = baselineUpTo;
            windowBelow = windowUpTo;
        }
        return sum;
    }

    /** Wasserstein-1 between the two empirical distributions: the integral of |F1(x) - F2(x)| dx. */
    static double wasserstein(double[] x, double[] y) {
        double[] a = sorted(x);
        double[] b = sorted(y);
        int i = 0;
        int j = 0;
        double total = 0;
        double previous = Math.min(a[0], b[0]);
        while (i < a.length || j < b.length) {
            double next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            total += Math.abs((double) i / a.length - (double) j / b.length) * (next - previous);
            previous = next;
            while (i < a.length && a[i] == next) {
                i++;
            }
            while (j < b.length && b[j] == next) {
                j++;
            }
        }
        return total;
    }

    static double iqr(double[] values) {
        double[] s = sorted(values);
        return quantile(s, 0.75) - quantile(s, 0.25);
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
