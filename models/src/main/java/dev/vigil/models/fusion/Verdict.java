package dev.vigil.models.fusion;

/** One detector's calibrated verdict on one window, as fusion sees it. */
public interface Verdict {
    /** Detector type, e.g. isolation-forest. */
    String detector();

    /** Calibrated score in [0, 1]; 0.5 is the detector's own threshold. */
    double score();

    /** The detector's own verdict. */
    boolean anomalous();

    /**
     * What the combination rules read: the calibrated score, except where a detector holds back an alarm it has already
     * raised for the same episode (the adaptive detector flags the first window of an episode and scores the rest 0),
     * which reads as its threshold, 0.5. A detector that would alarm but stays silent has not found the window normal, so
     * it must not outvote the detectors that did flag it; it does not add a second alarm either.
     */
    default double evidence() {
        return score();
    }

    /** What a vote counts: the detector's own verdict, or an alarm it holds back for an episode it already reported. */
    default boolean standsOut() {
        return anomalous();
    }

    static Verdict of(String detector, double score, boolean anomalous) {
        return new Plain(detector, score, anomalous);
    }

    record Plain(String detector, double score, boolean anomalous) implements Verdict {
    }
}
