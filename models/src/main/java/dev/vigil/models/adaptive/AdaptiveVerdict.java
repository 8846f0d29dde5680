package dev.vigil.models.adaptive;

/**
 * The adaptive detector's verdict on one window.
 *
 * @param surprise   share of the window's (context, level) pairs the entity's memory had not seen, in [0, 1]
 * @param likelihood probability that the recent mean surprise is unusual for the entity, in [0, 1]
 * @param rawScore   the log-likelihood score before alarm handling, in [0, 1]; the settings' threshold applies to it
 * @param score      the score reported, on the calibrated scale where the threshold is 0.5; 0 while learning or
 *                   settling after an alarm
 * @param alarm      true for the first window of an alarm episode
 */
public record AdaptiveVerdict(double surprise, double likelihood, double rawScore, double score, boolean alarm) {
    /** The verdict on a window the entity only learned from. */
    public static final AdaptiveVerdict LEARNING = new AdaptiveVerdict(0, 0.5, 0, 0, false);
}
