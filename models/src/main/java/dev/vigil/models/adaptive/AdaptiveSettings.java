package dev.vigil.models.adaptive;

/**
 * The one configuration of the per-entity adaptive detector. Every entity starts from the same state and
 * adapts from its own stream; nothing here is fitted per entity or per file.
 *
 * @param learningWindows windows an entity only learns from before it may alarm (its probationary period);
 *                        the value levels are fixed from the range seen in the first half of it
 * @param levels          value levels across the learning range (the resolution of the sequence memory)
 * @param maxOrder        longest context (in windows) whose continuation the memory checks
 * @param memorySlots     slots of the context memory (2 bytes each; two generations fill at most 3/4 of it); any count
 *                        from 16, since slots are found by remainder
 * @param shortWindow     windows averaged into the short-term surprise
 * @param longHorizon     windows of the long-run distribution the short-term surprise is compared with
 * @param threshold       score at and above which a window is anomalous (scores are log-likelihoods in [0, 1])
 * @param settleWindows   windows an entity stays quiet after an alarm: one episode, one alarm
 */
public record AdaptiveSettings(int learningWindows, int levels, int maxOrder, int memorySlots, int shortWindow,
                               int longHorizon, double threshold, int settleWindows) {

    /**
     * The shipped defaults: one day of 5-minute windows to learn from, 8 levels, contexts of up to 2 windows and the
     * hour of day, a 3 KB memory, and a threshold at a tail probability of 10^-2.1 (log score 0.21). One generation of
     * 1,536 slots holds 576 contexts: room for what a stable entity visits in a day (8 levels alone, 64 pairs, the
     * hour-of-day contexts, the two-window contexts it actually shows); 1,024 slots churned, and forgotten contexts
     * came back as surprise (on NAB: 96 alarms at 37.5 % window precision, against 93 at 40.9 % with 1,536 slots).
     * Chosen on the NAB corpus with leave-one-group-out checks: see README.
     */
    public static final AdaptiveSettings DEFAULTS = new AdaptiveSettings(288, 8, 2, 1536, 8, 4000, 0.21, 150);

    public AdaptiveSettings {
        if (learningWindows < 2 || levels < 2 || maxOrder < 1 || memorySlots < 16 || shortWindow < 1
                || longHorizon < shortWindow || !(threshold > 0 && threshold <= 1) || settleWindows < 0) {
            throw new IllegalArgumentException("invalid adaptive detector settings: " + this);
        }
    }

    public AdaptiveSettings withThreshold(double t) {
        return new AdaptiveSettings(learningWindows, levels, maxOrder, memorySlots, shortWindow, longHorizon, t, settleWindows);
    }
}
