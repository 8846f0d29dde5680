package dev.vigil.sketches;

/**
 * Distances between a window's distribution and its baseline's, as computed by
 * {@link DriftStatistics#compare(Sketch, Sketch)}. All values are NaN when either side is empty.
 *
 * @param baselineCount values in the baseline sketch
 * @param windowCount values in the window sketch
 * @param ks Kolmogorov-Smirnov distance, sup |F_baseline(x) - F_window(x)|, in [0, 1]
 * @param psi population stability index over bins at the baseline's quantiles (deciles by default)
 * @param wasserstein Wasserstein-1 distance in the feature's units
 * @param wassersteinScaled {@code wasserstein / scale}: what {@code DriftReport.wasserstein} carries
 * @param medianShift (window median - baseline median) / scale, signed
 * @param p95Shift (window p95 - baseline p95) / scale, signed
 * @param scale the baseline's interquartile range, or the fallback named by {@code scaleSource}
 * @param scaleSource where {@code scale} came from
 */
public record DistributionComparison(long baselineCount, long windowCount, double ks, double psi,
                                     double wasserstein, double wassersteinScaled, double medianShift,
                                     double p95Shift, double scale, ScaleSource scaleSource) {

    /** How the baseline's spread used to scale shifts was obtained. */
    public enum ScaleSource {
        /** Interquartile range p75 - p25: the normal case. */
        IQR,
        /**
         * The IQR was zero (over half the baseline is one value): the central 90% range p95 - p5 times
         * 1.349 / 3.290, which equals the IQR for a normal distribution.
         */
        CENTRAL_RANGE,
        /** The baseline is (nearly) constant: shifts are in the feature's own units (scale 1). */
        UNIT
    }

    static DistributionComparison undefined(long baselineCount, long windowCount) {
        return new DistributionComparison(baselineCount, windowCount, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, ScaleSource.UNIT);
    }

    /** True when both sides had data, so the distances are numbers. */
    public boolean defined() {
        return !Double.isNaN(ks);
    }
}
