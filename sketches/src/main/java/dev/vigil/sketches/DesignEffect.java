package dev.vigil.sketches;

import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * How much less information a window of correlated values carries than the same number of independent
 * values: the design effect {@code deff}, so that a window of n values counts as {@code n / deff} independent
 * ones in a significance test. Streams are autocorrelated (a 5-minute series moves slowly) and clustered (the
 * vectors of one window share the hour, the load, the incident), so a two-sample test that takes n at face
 * value calls every window of a real series drifted.
 *
 * <p>Estimated from the reference's own windows, the sketches the monitor keeps anyway: how far window means
 * stray, in standard errors of independent values, {@code z_i^2 = n_i (mean_i - centre)^2 / s^2} with s^2 the
 * pooled within-window variance. For independent values z_i^2 is chi-squared with one degree of freedom,
 * whose median is 0.455; the estimate is the median of the z_i^2 over 0.455. When values within a window
 * move together it grows as {@code 1 + (n - 1) rho}. A median, not a mean (an ANOVA ratio), so that a few
 * drifted windows inside the reference, e.g. the first window of a shift when the second is checked, do not
 * inflate the noise estimate and hide the drift they belong to. {@link #between} compares every window with
 * the median window mean (a rolling reference mixes all phases, so its whole spread, seasonality included,
 * is what a window must stand out from); {@link #successive} compares consecutive windows (short-term wander
 * only, for a seasonal reference whose few same-hour windows are too few for {@code between}). Never below 1:
 * the data are not assumed to be more regular than independent.
 */
public final class DesignEffect {
    /** Fewest usable windows for an estimate: with fewer, the ratio itself is too noisy to trust. */
    public static final int MIN_WINDOWS = 4;
    /**
     * Fewest windows with any spread for a spread estimate: the median of fewer chi-squared values is too
     * noisy a scale (over 48 windows of normal values it already ranges from 1 to 2.5 between samples).
     */
    public static final int MIN_SPREAD_WINDOWS = 8;

    private DesignEffect() {
    }

    /** Median chi-squared(1) quantile: the median of z^2 for independent values. */
    static final double CHI2_1_MEDIAN = 0.454936;

    /** From every window's distance to the median window mean; NaN with fewer than {@link #MIN_WINDOWS}. */
    public static double between(List<WindowSummary> windows) {
        List<WindowSummary> usable = windows.stream().filter(WindowSummary::usable).toList();
        if (usable.size() < MIN_WINDOWS) {
            return Double.NaN;
        }
        double centre = median(usable.stream().mapToDouble(WindowSummary::mean).toArray());
        double within = pooledVariance(usable);
        double[] z2 = usable.stream().mapToDouble(w -> w.count() * square(w.mean() - centre)).toArray();
        return ratio(median(z2), within);
    }

    /**
     * From differences of consecutive windows (in time order): {@code z^2 = n (mean_i - mean_(i-1))^2 / 2}
     * with n the harmonic mean of their counts, which a slow seasonal swing hardly moves.
     */
    public static double successive(List<WindowSummary> windows) {
        List<WindowSummary> usable = windows.stream().filter(WindowSummary::usable).toList();
        if (usable.size() < MIN_WINDOWS) {
            return Double.NaN;
        }
        double[] z2 = consecutive(usable, (p, w) -> {
            double n = 2.0 * w.count() * p.count() / (w.count() + p.count());
            return n * square(w.mean() - p.mean()) / 2;
        });
        return ratio(median(z2), pooledVariance(usable));
    }

    /**
     * The same for the spread: how far the reference windows' log variances stray from their median, in
     * standard errors of independent normal values, {@code z_i^2 = (n_i - 1) / 2 (ln v_i - centre)^2}. Besides
     * autocorrelation it absorbs heavy tails (a spiky feature's variance swings far more than a normal one's)
     * and a spread that moves with the time of day, so the spread test is held to the noise the data show.
     * Windows with no spread (constant values) are left out; NONE with fewer than {@link #MIN_SPREAD_WINDOWS}
     * others.
     */
    public static SpreadReference spreadBetween(List<WindowSummary> windows) {
        List<WindowSummary> usable = withSpread(windows);
        if (usable.size() < MIN_SPREAD_WINDOWS) {
            return SpreadReference.NONE;
        }
        double centre = median(usable.stream().mapToDouble(w -> Math.log(w.variance())).toArray());
        double[] z2 = usable.stream().mapToDouble(w -> (w.count() - 1) / 2.0 * square(Math.log(w.variance()) - centre))
                .toArray();
        return new SpreadReference(centre, Math.max(1, median(z2) / CHI2_1_MEDIAN));
    }

    /** {@code z^2} of each window against the one before it, in time order. */
    private static double[] consecutive(List<WindowSummary> windows, ToDoubleBiFunction<WindowSummary, WindowSummary> z2) {
        double[] out = new double[windows.size() - 1];
        for (int i = 1; i < windows.size(); i++) {
            out[i - 1] = z2.applyAsDouble(windows.get(i - 1), windows.get(i));
        }
        return out;
    }

    /** {@link #spreadBetween} with the noise from consecutive windows' log-variance differences, as {@link #successive}. */
    public static SpreadReference spreadSuccessive(List<WindowSummary> windows) {
        List<WindowSummary> usable = withSpread(windows);
        if (usable.size() < MIN_SPREAD_WINDOWS) {
            return SpreadReference.NONE;
        }
        double[] z2 = consecutive(usable, (p, w) -> square(Math.log(w.variance()) - Math.log(p.variance()))
                / (2.0 / (w.count() - 1) + 2.0 / (p.count() - 1)));
        double centre = median(usable.stream().mapToDouble(w -> Math.log(w.variance())).toArray());
        return new SpreadReference(centre, Math.max(1, median(z2) / CHI2_1_MEDIAN));
    }

    private static List<WindowSummary> withSpread(List<WindowSummary> windows) {
        return windows.stream().filter(w -> w.usable() && w.count() >= 3 && w.variance() > 0).toList();
    }

    private static double pooledVariance(List<WindowSummary> windows) {
        double squares = 0;
        double degrees = 0;
        for (WindowSummary w : windows) {
            squares += (w.count() - 1) * w.variance();
            degrees += w.count() - 1;
        }
        return squares / degrees;
    }

    private static double ratio(double medianZ2, double within) {
        if (!(within > 0)) {
            // Constant within windows: any change of the mean is a real one; nothing to discount.
            return 1;
        }
        return Math.max(1, medianZ2 / within / CHI2_1_MEDIAN);
    }

    private static double square(double x) {
        return x * x;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
