package dev.vigil.ensemble.ab;

/** Arm of the champion/challenger trial: A is served by the champion's verdicts, B by the challenger's. */
public enum Variant {
    A, B
}
