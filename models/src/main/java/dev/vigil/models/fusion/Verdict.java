package dev.vigil.models.fusion;

/** One detector's calibrated verdict on one window, as fusion sees it. */
public interface Verdict {
    /** Detector type, e.g. isolation-forest. */
    String detector();

    /** Calibrated score in [0, 1]; 0.5 is the detector's own threshold. */
    double score();

    /** The detector's own verdict. */
    boolean anomalous();

    static Verdict of(String detector, double score, boolean anomalous) {
        return new Plain(detector, score, anomalous);
    }

    record Plain(String detector, double score, boolean anomalous) implements Verdict {
    }
}
