package dev.vigil.models.fusion;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The ensemble's decision for one window: readings combined by the rule, anomalous when the combination reaches
 * the threshold, at least {@code minDetectors} detectors read the window and at least {@code minAgreeing} of them
 * flag it ({@link Verdict#anomalous}, their own verdict). A detector holding back an alarm it already raised for the
 * episode ({@link Verdict#standsOut} without flagging) does not agree again: after a change of regime the adaptive
 * detector settles for hours, and counted as agreeing it lent every window a second vote (tried on tuning seeds 1-3).
 *
 * <p>The agreement quorum matters once weights are learned: they favour the detector with the best record, and a
 * weighted mean then follows that one detector, so a window only it flagged, just past its own threshold, alerted on
 * its own (in the demo after its drift, the forecaster weighed 1.2-1.6 against 0-0.4 for the rest, and a third of the
 * services' false alerts had no second detector standing out).
 */
public record ScoreFusion(CombinationRule rule, double threshold, int minDetectors, int minAgreeing) {
    /** The ensemble's defaults: weighted mean at 0.5, one detector enough ({@code vigil.ensemble.*}). */
    public static final ScoreFusion DEFAULT = new ScoreFusion(CombinationRule.WEIGHTED_MEAN, 0.5, 1, 1);

    public ScoreFusion {
        if (minDetectors < 1) {
            throw new IllegalArgumentException("vigil.ensemble.min.detectors must be at least 1, not " + minDetectors);
        }
        if (minAgreeing < 1) {
            throw new IllegalArgumentException("vigil.ensemble.min.agreeing must be at least 1, not " + minAgreeing);
        }
    }

    /** Without an agreement quorum: one detector standing out is enough. */
    public ScoreFusion(CombinationRule rule, double threshold, int minDetectors) {
        this(rule, threshold, minDetectors, 1);
    }

    public double combine(List<? extends Verdict> readings, ToDoubleFunction<String> weights) {
        return rule.combine(readings, weights);
    }

    /** The verdict for a window with {@code readings} whose combination is {@code combined}. */
    public boolean anomalous(List<? extends Verdict> readings, double combined) {
        return combined >= threshold && agreed(readings);
    }

    /**
     * Whether enough detectors read the window and enough of them flag it, whatever their combination. Such a window
     * does not open an incident, but it keeps its entity's open one going: during a sustained anomaly the combination
     * can dip below the threshold while detectors keep flagging (an online detector that alarmed at the start reads
     * 0 once the level is no longer new), and closing the incident there made the anomaly's end a second incident (in
     * the demo, the window where a service's traffic spike ended).
     */
    public boolean agreed(List<? extends Verdict> readings) {
        return readings.size() >= minDetectors && readings.stream().filter(Verdict::anomalous).count() >= minAgreeing;
    }
}
