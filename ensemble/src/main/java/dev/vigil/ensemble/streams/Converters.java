package dev.vigil.ensemble.streams;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureContribution;
import dev.vigil.avro.Label;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.ensemble.ab.LabelFeedback;
import dev.vigil.ensemble.model.Deviation;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.models.Algorithms;

/** From the topics' Avro records to the ensemble's plain ones, and the input checks. */
public final class Converters {
    private Converters() {
    }

    /** The reading of a scored record; null for an UNSCORED one. */
    public static Reading reading(DetectorScore s) {
        if (s.getStatus() == ScoreStatus.UNSCORED) {
            return null;
        }
        return new Reading(s.getDetector(), s.getModelName(), s.getModelVersion(), s.getScore(), s.getAnomalous(), s.getShadow(),
                s.getTopFeatures().stream().map(Converters::deviation).toList(), settling(s));
    }

    /**
     * Whether the record is an adaptive detector's window that stands out while its entity settles after an alarm: raw
     * score at its threshold, not flagged. Only that detector has alarm episodes; every other flags what stands out.
     */
    static boolean settling(DetectorScore s) {
        return Algorithms.ADAPTIVE.equals(s.getDetector()) && !s.getAnomalous() && s.getRawScore() >= s.getThreshold();
    }

    static Deviation deviation(FeatureContribution f) {
        return new Deviation(f.getFeature(), f.getValue(), f.getBaseline(), f.getDeviation());
    }

    public static LabelFeedback.LabelInput label(Label l) {
        return new LabelFeedback.LabelInput(l.getEntity(), l.getDomain(), l.getWindowStart().toEpochMilli(), l.getAnomalous());
    }

    /** Why a score cannot be fused, or null when it can. */
    public static String scoreProblem(DetectorScore s) {
        if (s.getEntity().isBlank() || s.getDomain().isBlank()) {
            return "entity and domain must not be blank";
        }
        if (!s.getWindowEnd().isAfter(s.getWindowStart())) {
            return "window end " + s.getWindowEnd() + " is not after window start " + s.getWindowStart();
        }
        if (s.getStatus() == ScoreStatus.UNSCORED) {
            return null;
        }
        if (s.getModelName() == null || s.getModelVersion() == null || s.getDetector().isBlank()) {
            return "a scored record needs detector, modelName and modelVersion";
        }
        if (!(s.getScore() >= 0 && s.getScore() <= 1)) {
            return "calibrated score " + s.getScore() + " is not in [0, 1]";
        }
        return null;
    }

    /** Why a label cannot be used, or null when it can. */
    public static String labelProblem(Label l) {
        return l.getEntity().isBlank() || l.getDomain().isBlank() ? "entity and domain must not be blank" : null;
    }
}
