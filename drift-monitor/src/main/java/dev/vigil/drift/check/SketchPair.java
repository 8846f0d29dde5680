package dev.vigil.drift.check;

import dev.vigil.sketches.Sketch;
import dev.vigil.sketches.SpreadReference;

/**
 * A distribution in the checked window and the baseline it is compared with.
 *
 * @param name feature name, or {@code score}
 * @param window the window's sketch (empty when nothing arrived)
 * @param baseline the reference sketch (empty when there is none)
 * @param reference which kind of reference the baseline is
 * @param designEffect variance inflation of the values, estimated from the reference's windows (see
 *     {@code dev.vigil.sketches.DesignEffect}); NaN when there were too few windows to estimate it
 * @param spread the reference windows' spread, for the test of a change of spread ({@code SpreadReference.NONE}
 *     for a training sketch, or when too few windows had any spread)
 * @param referenceWindows how many stored windows the baseline merges (0 for a training sketch)
 */
public record SketchPair(String name, Sketch window, Sketch baseline, Reference reference, double designEffect,
                         SpreadReference spread, int referenceWindows) {

    /** Kinds of reference, as stated in each report. */
    public enum Reference {
        /** The production version's training sketch. */
        TRAINING,
        /** The windows of the rolling span before the checked one. */
        ROLLING,
        /** The windows at the same phase of the seasonal period (same hour of previous days or weeks). */
        SEASONAL
    }

    /** A pair whose values are taken as independent (design effect 1). */
    public SketchPair(String name, Sketch window, Sketch baseline, boolean rolling) {
        this(name, window, baseline, rolling ? Reference.ROLLING : Reference.TRAINING, 1, SpreadReference.NONE, 0);
    }

    /** True when the baseline is made of stored windows rather than the training sketch. */
    public boolean rolling() {
        return reference != Reference.TRAINING;
    }
}
