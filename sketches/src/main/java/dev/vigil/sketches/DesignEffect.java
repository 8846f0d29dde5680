package dev.vigil.sketches;

import java.util.List;

/**
 * How much less information a window of correlated values carries than the same number of independent
 * values: the design effect {@code deff}, so that a window of n values counts as {@code n / deff} independent
 * ones in a significance test. Streams are autocorrelated (a 5-minute series moves slowly) and clustered (the
 * vectors of one window share the hour, the load, the incident), so a two-sample test that takes n at face
 * value calls every window of a real series drifted.
 *
 * <p>Estimated from the reference's own windows, the sketches the monitor keeps anyway: the one-way ANOVA
 * ratio of the spread of window means to the spread within windows. For independent values it is about 1;
 * when values within a window move together it grows as {@code 1 + (n - 1) rho}. Both estimators below are
 * that ratio: {@link #between} over all reference windows (a rolling reference mixes them, so their whole
 * spread, seasonality included, is what a window must stand out from), {@link #successive} from differences
 * of consecutive windows (short-term wander only, for a seasonal reference whose few same-hour windows are
 * too few for {@code between}). Never below 1: the data are not assumed to be more regular than independent.
 */
public final class DesignEffect {
    /** Fewest usable windows for an estimate: with fewer, the ratio itself is too noisy to trust. */
    public static final int MIN_WINDOWS = 4;

    private DesignEffect() {
    }

    /** The ANOVA ratio over all windows; NaN with fewer than {@link #MIN_WINDOWS} usable windows. */
    public static double between(List<WindowSummary> windows) {
        List<WindowSummary> usable = windows.stream().filter(WindowSummary::usable).toList();
        if (usable.size() < MIN_WINDOWS) {
            return Double.NaN;
        }
        double total = 0;
        double weighted = 0;
        double within = 0;
        for (WindowSummary w : usable) {
            total += w.count();
            weighted += w.count() * w.mean();
            within += (w.count() - 1) * w.variance();
        }
        double grand = weighted / total;
        double between = 0;
        for (WindowSummary w : usable) {
            between += w.count() * (w.mean() - grand) * (w.mean() - grand);
        }
        return ratio(between / (usable.size() - 1), within / (total - usable.size()));
    }

    /**
     * The same ratio from consecutive windows (in time order): half the mean squared difference of
     * neighbouring means, weighted by their counts, which a slow seasonal swing hardly moves.
     */
    public static double successive(List<WindowSummary> windows) {
        List<WindowSummary> usable = windows.stream().filter(WindowSummary::usable).toList();
        if (usable.size() < MIN_WINDOWS) {
            return Double.NaN;
        }
        double between = 0;
        double within = 0;
        double total = 0;
        for (int i = 0; i < usable.size(); i++) {
            WindowSummary w = usable.get(i);
            within += (w.count() - 1) * w.variance();
            total += w.count() - 1;
            if (i > 0) {
                WindowSummary p = usable.get(i - 1);
                double n = 2.0 * w.count() * p.count() / (w.count() + p.count());
                double d = w.mean() - p.mean();
                between += n * d * d / 2;
            }
        }
        return ratio(between / (usable.size() - 1), within / total);
    }

    private static double ratio(double between, double within) {
        if (!(within > 0)) {
            // Constant within windows: any change of the mean is a real one; nothing to discount.
            return 1;
        }
        return Math.max(1, between / within);
    }
}
