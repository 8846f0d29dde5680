package dev.vigil.models;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Per-feature median and robust spread of training data, used to say which features of a vector are
 * furthest from normal. The spread is 1.4826·MAD (a standard deviation for Gaussian data); for sparse
 * features whose MAD is 0 it falls back to 1.2533·mean absolute deviation and then to 1, so a feature
 * that was constant in training still gets a finite deviation. (Smile's MathEx.median/mad reorder the
 * array in place and have no such fallback, which most sparse BGP count features need.)
 */
public final class FeatureBaseline implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Quantile of the deviations {@link #tailWidened} looks at (see {@code RulesTrainer.TAIL_QUANTILE}). */
    static final double TAIL_QUANTILE = 0.9;

    private final String[] names;
    private final double[] median;
    private final double[] spread;

    private FeatureBaseline(String[] names, double[] median, double[] spread) {
        this.names = names;
        this.median = median;
        this.spread = spread;
    }

    public static FeatureBaseline fit(double[][] rows, List<String> featureNames) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to fit a baseline on");
        }
        int d = featureNames.size();
        double[] median = new double[d];
        double[] spread = new double[d];
        double[] column = new double[rows.length];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][j];
            }
            median[j] = median(column);
            spread[j] = robustSpread(column, median[j]);
        }
        return new FeatureBaseline(featureNames.toArray(String[]::new), median, spread);
    }

    /** Median of the values; sorts the array in place. */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Robust spread around a centre; overwrites the array. */
    static double robustSpread(double[] values, double centre) {
        double sumAbs = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.abs(values[i] - centre);
            sumAbs += values[i];
        }
        double mad = 1.4826 * median(values);
        if (mad > 1e-12) {
            return mad;
        }
        double meanAbs = 1.2533 * sumAbs / values.length;
        return meanAbs > 1e-12 ? meanAbs : 1.0;
    }

    /**
     * {@code spread} widened by how heavy the tail of {@code values}' deviations from {@code centre} is: by how far
     * their {@link #TAIL_QUANTILE} lies beyond a Gaussian's (|z| at that quantile), never narrowed.
     * A sparse feature (an error rate that is 0 in most windows, a few failed requests now and then) has a robust
     * spread of a fraction of its ordinary blips, which then read as tens of spreads and set a detector's threshold on
     * their own; widened, each feature breaks its bound about as rarely as a Gaussian one would.
     */
    static double tailWidened(double[] values, double centre, double spread) {
        return tailWidened(values, centre, spread, TAIL_QUANTILE);
    }

    /** {@link #tailWidened(double[], double, double)} at a chosen quantile. */
    static double tailWidened(double[] values, double centre, double spread, double tailQuantile) {
        // |z| at that quantile for Gaussian data: a feature with a tail no heavier keeps its robust spread.
        double gaussianTail = new NormalDistribution().inverseCumulativeProbability(0.5 + tailQuantile / 2);
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - centre) / spread;
        }
        Arrays.sort(deviations);
        double tail = deviations[(int) Math.min(values.length - 1, Math.floor(tailQuantile * values.length))];
        return spread * Math.max(1.0, tail / gaussianTail);
    }

    public int dimension() {
        return median.length;
    }

    public double median(int feature) {
        return median[feature];
    }

    public double spread(int feature) {
        return spread[feature];
    }

    /** |value - median| / spread of one feature. */
    public double deviation(int feature, double value) {
        return Math.abs(value - median[feature]) / spread[feature];
    }

    /** The {@code k} features of the vector furthest from their medians, largest deviation first. */
    public List<TopFeature> top(double[] vector, int k) {
        double[] deviations = new double[vector.length];
        for (int j = 0; j < vector.length; j++) {
            deviations[j] = deviation(j, vector[j]);
        }
        return top(vector, median, deviations, k);
    }

    /** Picks the {@code k} largest deviations; shared by every detector's explanation. */
    List<TopFeature> top(double[] values, double[] baselines, double[] deviations, int k) {
        int[] best = topIndices(deviations, k);
        List<TopFeature> top = new ArrayList<>(best.length);
        for (int j : best) {
            top.add(new TopFeature(names[j], values[j], baselines[j], deviations[j]));
        }
        return top;
    }

    /** Indices of the {@code k} largest values, largest first (a partial selection, no full sort). */
    static int[] topIndices(double[] values, int k) {
        int count = Math.min(k, values.length);
        int[] best = new int[count];
        int filled = 0;
        for (int j = 0; j < values.length; j++) {
            int pos = filled;
            while (pos > 0 && values[j] > values[best[pos - 1]]) {
                pos--;
            }
            if (pos < count) {
                int end = Math.min(filled, count - 1);
                System.arraycopy(best, pos, best, pos + 1, end - pos);
                best[pos] = j;
                filled = Math.min(filled + 1, count);
            }
        }
        return best;
    }
}
