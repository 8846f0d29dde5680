package dev.vigil.models.fusion;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The ensemble's decision for one window: readings combined by the rule, anomalous when the combination reaches
 * the threshold and at least {@code minDetectors} detectors read the window.
 */
public record ScoreFusion(CombinationRule rule, double threshold, int minDetectors) {
    /** The ensemble's defaults: weighted mean at 0.5, one detector enough ({@code vigil.ensemble.*}). */
    public static final ScoreFusion DEFAULT = new ScoreFusion(CombinationRule.WEIGHTED_MEAN, 0.5, 1);

    public ScoreFusion {
        if (minDetectors < 1) {
            throw new IllegalArgumentException("vigil.ensemble.min.detectors must be at least 1, not " + minDetectors);
        }
    }

    public double combine(List<? extends Verdict> readings, ToDoubleFunction<String> weights) {
        return rule.combine(readings, weights);
    }

    /** The verdict for a window with {@code readings} readings whose combination is {@code combined}. */
    public boolean anomalous(int readings, double combined) {
        return readings >= minDetectors && combined >= threshold;
    }
}
