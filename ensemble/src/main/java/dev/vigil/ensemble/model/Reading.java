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
 */
public record Reading(String detector, String modelName, int modelVersion, double score, boolean anomalous, boolean shadow,
                      List<Deviation> topFeatures) implements Verdict {
    public Reading {
        topFeatures = topFeatures == null ? List.of() : List.copyOf(topFeatures);
    }

    /** "model:vN", the identity of the version behind the reading. */
    public String versionTag() {
        return modelName + ":v" + modelVersion;
    }
}
