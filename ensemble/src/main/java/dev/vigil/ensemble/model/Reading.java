package dev.vigil.ensemble.model;

import dev.vigil.models.fusion.Verdict;
import java.util.List;

/**
 * One detector's calibrated verdict on one entity window.
 *
 * @param detector detector type, e.g. isolation-forest
 * @param modelName model that scored, {@code <domain>.<detector>}
 * @param modelVersion version of that model
 * @param score calibrated score in [0, 1]; 0.5 is the model's threshold
 * @param anomalous the detector's own verdict
 * @param shadow true for a staging (challenger) model scored in shadow
 * @param topFeatures features that deviated most, largest first
 * @param settling true when the detector's raw score reached its threshold on a window it did not flag because the
 *                 entity is settling after an alarm: the adaptive detector flags only the first window of an alarm
 *                 episode, and the windows after it that still stand out are part of that episode, not misses
 */
public record Reading(String detector, String modelName, int modelVersion, double score, boolean anomalous, boolean shadow,
                      List<Deviation> topFeatures, boolean settling) implements Verdict {
    public Reading {
        topFeatures = topFeatures == null ? List.of() : List.copyOf(topFeatures);
    }

    /** A reading of a detector without alarm episodes. */
    public Reading(String detector, String modelName, int modelVersion, double score, boolean anomalous, boolean shadow,
                   List<Deviation> topFeatures) {
        this(detector, modelName, modelVersion, score, anomalous, shadow, topFeatures, false);
    }

    /**
     * Whether the detector found the window anomalous, counting the windows of an alarm episode after its first: what
     * its agreement with analysts' labels is measured on.
     */
    @Override
    public boolean standsOut() {
        return anomalous || settling;
    }

    /** A settling detector reads as its threshold in the fusion ({@link Verdict#evidence}). */
    @Override
    public double evidence() {
        return settling ? Math.max(score, 0.5) : score;
    }

    /** "model:vN", the identity of the version behind the reading. */
    public String versionTag() {
        return modelName + ":v" + modelVersion;
    }
}
