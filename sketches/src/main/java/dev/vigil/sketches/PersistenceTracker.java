package dev.vigil.sketches;

import java.util.List;

/**
 * Confirms drift only when it persists: N consecutive windows at or above a confirming severity. A window
 * below it (a clean window) resets the count; a window without a decision (too little data) neither counts
 * nor resets. One instance per model; its count is a single int that apps can keep in a state store and
 * {@link #restore}.
 */
public final class PersistenceTracker {

    /** Default number of consecutive windows. */
    public static final int DEFAULT_REQUIRED_WINDOWS = 2;
    /** Default confirming severity. */
    public static final Severity DEFAULT_CONFIRMING_SEVERITY = Severity.MEDIUM;

    private final int requiredWindows;
    private final Severity confirmingSeverity;
    private int consecutive;

    public PersistenceTracker(int requiredWindows, Severity confirmingSeverity) {
        if (requiredWindows < 1) {
            throw new IllegalArgumentException("requiredWindows must be at least 1, got " + requiredWindows);
        }
        if (confirmingSeverity == Severity.NONE) {
            throw new IllegalArgumentException("confirming severity must be above NONE");
        }
        this.requiredWindows = requiredWindows;
        this.confirmingSeverity = confirmingSeverity;
    }

    /** Two consecutive windows at MEDIUM or above. */
    public PersistenceTracker() {
        this(DEFAULT_REQUIRED_WINDOWS, DEFAULT_CONFIRMING_SEVERITY);
    }

    public Persistence observe(DriftDecision decision) {
        return observe(decision.severity(), decision.decided());
    }

    /**
     * Records one window.
     *
     * @param severity the window's overall severity
     * @param decided false when the window had too little data for a decision
     */
    public Persistence observe(Severity severity, boolean decided) {
        if (!decided) {
            return new Persistence(consecutive, false, List.of("no decision in this window; run of "
                    + consecutive + " drifting window(s) kept"));
        }
        if (!severity.atLeast(confirmingSeverity)) {
            String why = consecutive > 0 ? "clean window (" + severity + " below " + confirmingSeverity
                    + "): run of " + consecutive + " reset" : "no drift at " + confirmingSeverity + " or above";
            consecutive = 0;
            return new Persistence(0, false, List.of(why));
        }
        if (consecutive < Integer.MAX_VALUE) {
            consecutive++;
        }
        boolean confirmed = consecutive >= requiredWindows;
        String why = confirmed
                ? "drift confirmed: " + consecutive + " consecutive window(s) at " + confirmingSeverity + " or above"
                : "drift not yet confirmed: " + consecutive + " of " + requiredWindows + " consecutive windows";
        return new Persistence(consecutive, confirmed, List.of(why));
    }

    public int consecutive() {
        return consecutive;
    }

    /** Sets the count, e.g. from a state store after a restart. */
    public void restore(int consecutiveWindows) {
        if (consecutiveWindows < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        consecutive = consecutiveWindows;
    }

    /** Starts over, e.g. after a new model version replaced the drifted one. */
    public void reset() {
        consecutive = 0;
    }

    public int requiredWindows() {
        return requiredWindows;
    }

    public Severity confirmingSeverity() {
        return confirmingSeverity;
    }
}
