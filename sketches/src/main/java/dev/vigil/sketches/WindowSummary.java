package dev.vigil.sketches;

/**
 * Count, mean and variance of one window of a feature: what {@link DesignEffect} needs of each reference
 * window, cheap to keep for every stored window.
 */
public record WindowSummary(long count, double mean, double variance) {

    public static WindowSummary of(Sketch sketch) {
        return new WindowSummary(sketch.count(), sketch.mean(), sketch.variance());
    }

    boolean usable() {
        return count >= 2 && Double.isFinite(mean) && Double.isFinite(variance);
    }
}
