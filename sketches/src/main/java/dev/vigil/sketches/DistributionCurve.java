package dev.vigil.sketches;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cumulative distribution a t-digest describes, as a monotone polyline that may have vertical jumps.
 *
 * <p>Why not just call {@code MergingDigest.cdf} and {@code quantile}: both scan the centroids from the start on
 * every call (O(centroids) each), which is too slow for a check that evaluates thousands of points over 53
 * features, and {@code cdf} uses the mid-point rule at tied values, so on integer-valued data it reports
 * halfway up a step instead of P(X &le; x), which biases KS and PSI on counts. This class takes the digest's
 * centroids once and answers by binary search, or in one merged pass over two curves ({@link Sweep}). Three
 * models, chosen from the data:
 * <ul>
 *   <li><b>atoms</b> (integer-valued data whose values repeat more often than a centroid is wide, such as
 *   small counts; see {@link #splitIsExact}): every centroid's weight is split between the two integers
 *   around its mean so that the mean is kept, exact for a centroid holding two neighbouring values;</li>
 *   <li><b>polyline</b> (everything else): knots at {@code (min, 0)}, each centroid's mean at the cumulative
 *   weight of its centre, and {@code (max, 1)}, linear in between (t-digest's own interpolation model);
 *   consecutive centroids with exactly the same mean can only come from repeated values, so they form one
 *   vertical jump;</li>
 *   <li><b>polyline on integers</b> (integer-valued data with a range of at most
 *   {@value #LATTICE_RANGE_LIMIT} that is not atoms, such as large counts): the polyline read at k + 1/2 for
 *   every integer k, see {@link #onIntegers}.</li>
 * </ul>
 * {@link #cdf} is right-continuous (P(X &le; x)), {@link #cdfBefore} is the left limit (P(X &lt; x)) and
 * {@link #quantile} the lower inverse inf{x : F(x) &ge; p}, the same conventions as an empirical distribution.
 * Instances are immutable.
 */
public final class DistributionCurve {

    private static final double AMBIGUOUS_WEIGHT_LIMIT = 0.01;
    /**
     * Widest integer range given a knot per integer. Over wider ranges a single integer rarely holds much
     * weight unless it repeats, and repeats already show as jumps of the polyline.
     */
    private static final int LATTICE_RANGE_LIMIT = 2048;

    static final DistributionCurve EMPTY = new DistributionCurve(new double[0], new double[0], false);

    private final double[] xs;
    private final double[] ps;
    private final boolean discrete;

    private DistributionCurve(double[] xs, double[] ps, boolean discrete) {
        this.xs = xs;
        this.ps = ps;
        this.discrete = discrete;
    }

    /**
     * Builds the curve from centroids sorted by mean.
     *
     * @param means centroid means, ascending
     * @param weights centroid weights, all positive
     * @param count number of centroids used from the arrays
     * @param min smallest value seen
     * @param max largest value seen
     * @param integerValued whether every value added was an integer
     */
    static DistributionCurve of(double[] means, double[] weights, int count, double min, double max,
                                boolean integerValued) {
        if (count == 0) {
            return EMPTY;
        }
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += weights[i];
        }
        clampIntoOrder(means, count, min, max);
        if (integerValued && splitIsExact(means, weights, count, min, max, total)) {
            return steps(means, weights, count, total);
        }
        DistributionCurve polyline = polyline(means, weights, count, min, max, total);
        return integerValued && max - min <= LATTICE_RANGE_LIMIT ? polyline.onIntegers() : polyline;
    }

    /**
     * Integer-valued data whose centroids each span several integers: the polyline smooths over the steps
     * of the true distribution function, and P(X &le; k) sits half a step away from the line at k. The
     * polyline at k + 1/2 is the better estimate (the continuity correction), so the curve becomes a step
     * function with F(k) = polyline(k + 1/2) at every integer k of the range.
     */
    private DistributionCurve onIntegers() {
        double low = xs[0];
        double high = xs[xs.length - 1];
        Knots knots = new Knots(2 * (int) (high - low + 1));
        double below = 0;
        for (double k = low; k <= high; k++) {
            double upTo = k == high ? 1 : cdf(k + 0.5);
            if (upTo > below) {
                knots.add(k, below);
                knots.add(k, upTo);
                below = upTo;
            }
        }
        return new DistributionCurve(knots.xs(), knots.ps(), true);
    }

    /**
     * Whether splitting centroids between the integers around their means reproduces integer-valued data.
     * Centroids of a merging digest cover consecutive runs of the sorted data, so a centroid's values lie
     * between its neighbours' means; when that range holds at most two integers the split is exact. The
     * split model is used when such ambiguous centroids hold at most 1% of the weight, i.e. when values
     * repeat more often than a centroid is wide (counts, small categories); otherwise (wide integer ranges)
     * the continuous interpolation is the better model.
     */
    private static boolean splitIsExact(double[] means, double[] weights, int count, double min, double max,
                                        double total) {
        double ambiguous = 0;
        for (int i = 0; i < count; i++) {
            if (means[i] == Math.rint(means[i])) {
                continue;
            }
            double lowest = Math.ceil(i == 0 ? min : means[i - 1]);
            double highest = Math.floor(i == count - 1 ? max : means[i + 1]);
            if (highest - lowest > 1) {
                ambiguous += weights[i];
            }
        }
        return ambiguous <= AMBIGUOUS_WEIGHT_LIMIT * total;
    }

    /** Means decoded from 32-bit floats can stray just outside [min, max] or out of order; put them back. */
    private static void clampIntoOrder(double[] means, int count, double min, double max) {
        double previous = min;
        for (int i = 0; i < count; i++) {
            means[i] = Math.min(max, Math.max(previous, means[i]));
            previous = means[i];
        }
    }

    private static DistributionCurve polyline(double[] means, double[] weights, int count, double min,
                                              double max, double total) {
        Knots knots = new Knots(count + 2);
        knots.add(min, 0);
        double before = 0;
        int i = 0;
        while (i < count) {
            int end = i;
            double run = weights[i];
            while (end + 1 < count && means[end + 1] == means[i]) {
                run += weights[++end];
            }
            if (end > i) {
                knots.add(means[i], before / total);
                knots.add(means[i], (before + run) / total);
            } else {
                knots.add(means[i], (before + run / 2) / total);
            }
            before += run;
            i = end + 1;
        }
        knots.add(max, 1);
        return new DistributionCurve(knots.xs(), knots.ps(), false);
    }

    private static DistributionCurve steps(double[] means, double[] weights, int count, double total) {
        // neighbouring centroids can share a unit interval, so the split values are not in order: collect first
        TreeMap<Double, Double> atoms = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            double low = Math.floor(means[i]);
            double upperShare = means[i] - low;
            atoms.merge(low, weights[i] * (1 - upperShare), Double::sum);
            if (upperShare > 0) {
                atoms.merge(low + 1, weights[i] * upperShare, Double::sum);
            }
        }
        Knots knots = new Knots(2 * atoms.size());
        double cumulative = 0;
        for (Map.Entry<Double, Double> atom : atoms.entrySet()) {
            knots.add(atom.getKey(), cumulative / total);
            cumulative += atom.getValue();
            knots.add(atom.getKey(), Math.min(1, cumulative / total));
        }
        return new DistributionCurve(knots.xs(), knots.ps(), true);
    }

    /** True when the curve is a step function over integers. */
    public boolean isDiscrete() {
        return discrete;
    }

    /** True when built from an empty sketch; then cdf and quantile return NaN. */
    public boolean isEmpty() {
        return xs.length == 0;
    }

    /** P(X &le; x). */
    public double cdf(double x) {
        return isEmpty() ? Double.NaN : cdfFrom(lastAtOrBelow(x), x);
    }

    /** P(X &lt; x), the left limit of {@link #cdf}. */
    public double cdfBefore(double x) {
        return isEmpty() ? Double.NaN : cdfBeforeFrom(firstAtOrAbove(x), x);
    }

    /** The smallest x with P(X &le; x) &ge; p, for p in [0, 1]. */
    public double quantile(double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        return isEmpty() ? Double.NaN : quantileFrom(firstProbabilityAtOrAbove(p), p);
    }

    /** cdf(x) given j, the last knot at or below x (-1 if none). */
    private double cdfFrom(int j, double x) {
        if (j < 0) {
            return 0;
        }
        if (j == xs.length - 1) {
            return ps[j];
        }
        return interpolateP(j, x);
    }

    /** cdfBefore(x) given j, the first knot at or above x (length if none). */
    private double cdfBeforeFrom(int j, double x) {
        if (j == xs.length) {
            return ps[xs.length - 1];
        }
        if (j == 0) {
            return 0;
        }
        return xs[j] == x ? ps[j] : interpolateP(j - 1, x);
    }

    /** quantile(p) given j, the first knot whose probability is at or above p (length if none). */
    private double quantileFrom(int j, double p) {
        if (j == 0) {
            return xs[0];
        }
        if (j == ps.length) {
            return xs[xs.length - 1];
        }
        double dp = ps[j] - ps[j - 1];
        if (dp <= 0) {
            return xs[j];
        }
        return xs[j - 1] + (p - ps[j - 1]) / dp * (xs[j] - xs[j - 1]);
    }

    /** A reader for non-decreasing arguments: the statistics walk two curves in one pass instead of searching. */
    Sweep sweep() {
        return new Sweep();
    }

    /** Evaluates at non-decreasing arguments, each kind of call in amortised constant time. */
    final class Sweep {
        private int lastAtOrBelow = -1;
        private int firstAtOrAbove;
        private int firstProbabilityAtOrAbove;

        double cdf(double x) {
            while (lastAtOrBelow + 1 < xs.length && xs[lastAtOrBelow + 1] <= x) {
                lastAtOrBelow++;
            }
            return cdfFrom(lastAtOrBelow, x);
        }

        double cdfBefore(double x) {
            while (firstAtOrAbove < xs.length && xs[firstAtOrAbove] < x) {
                firstAtOrAbove++;
            }
            return cdfBeforeFrom(firstAtOrAbove, x);
        }

        double quantile(double p) {
            while (firstProbabilityAtOrAbove < ps.length && ps[firstProbabilityAtOrAbove] < p) {
                firstProbabilityAtOrAbove++;
            }
            return quantileFrom(firstProbabilityAtOrAbove, p);
        }
    }

    /** Knot positions (ascending, may repeat at jumps); the curve is linear between consecutive knots. */
    public double[] knotValues() {
        return xs.clone();
    }

    /** Cumulative probabilities at the knots, ascending. */
    public double[] knotProbabilities() {
        return ps.clone();
    }

    int knotCount() {
        return xs.length;
    }

    double knotValue(int i) {
        return xs[i];
    }

    double knotProbability(int i) {
        return ps[i];
    }

    private double interpolateP(int j, double x) {
        double dx = xs[j + 1] - xs[j];
        if (dx <= 0) {
            return ps[j + 1];
        }
        return ps[j] + (x - xs[j]) / dx * (ps[j + 1] - ps[j]);
    }

    private int lastAtOrBelow(double x) {
        int lo = 0;
        int hi = xs.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= x) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private int firstAtOrAbove(double x) {
        int lo = 0;
        int hi = xs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int firstProbabilityAtOrAbove(double p) {
        int lo = 0;
        int hi = ps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ps[mid] < p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Growable pair of arrays. */
    private static final class Knots {
        private double[] xs;
        private double[] ps;
        private int size;

        Knots(int capacity) {
            xs = new double[capacity];
            ps = new double[capacity];
        }

        void add(double x, double p) {
            if (size == xs.length) {
                xs = Arrays.copyOf(xs, size * 2);
                ps = Arrays.copyOf(ps, size * 2);
            }
            xs[size] = x;
            ps[size] = p;
            size++;
        }

        double[] xs() {
            return Arrays.copyOf(xs, size);
        }

        double[] ps() {
            return Arrays.copyOf(ps, size);
        }
    }
}
