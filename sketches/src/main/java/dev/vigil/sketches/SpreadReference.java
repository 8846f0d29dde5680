package dev.vigil.sketches;

/**
 * What a window's spread is compared with: the reference windows' typical within-window variance (the median
 * of their log variances) and how much a window's log variance strays from it, as a design effect over the
 * sampling variance {@code 2 / (n - 1)} of independent normal values ({@link DesignEffect#spreadBetween}).
 * Windows, not the merged reference: a window of a seasonal series is narrower than a day of them by nature.
 *
 * @param logVariance median log variance of the reference windows
 * @param designEffect inflation of a window's log-variance sampling variance (at least 1)
 */
public record SpreadReference(double logVariance, double designEffect) {
    /** No spread test: too few reference windows with any spread, or no windows at all. */
    public static final SpreadReference NONE = new SpreadReference(Double.NaN, Double.NaN);

    /** True when a window's spread can be tested against this reference. */
    public boolean known() {
        return Double.isFinite(logVariance) && Double.isFinite(designEffect);
    }
}
