package dev.vigil.drift.check;

import dev.vigil.sketches.Sketch;

/**
 * A distribution in the checked window and the baseline it is compared with.
 *
 * @param name feature name, or {@code score}
 * @param window the window's sketch (empty when nothing arrived)
 * @param baseline the reference sketch (empty when there is none)
 * @param rolling true when the baseline is the rolling one rather than the training sketch
 */
public record SketchPair(String name, Sketch window, Sketch baseline, boolean rolling) {
}
