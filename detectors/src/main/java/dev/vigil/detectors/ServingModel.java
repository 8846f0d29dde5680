package dev.vigil.detectors;

import dev.vigil.models.AnomalyModel;
import java.time.Instant;

/**
 * A model version that passed its checks and can score: what a score record names as its producer.
 *
 * @param name     model name, {@code <domain>.<detector>}
 * @param domain   feature domain it scores
 * @param detector detector type (isolation-forest, forecaster, rules, classifier)
 * @param version  registry version
 * @param sha256   SHA-256 of the artifact it was loaded from
 * @param model    the loaded model; immutable and shared between scoring threads
 * @param loadedAt when it passed its canary
 */
public record ServingModel(String name, String domain, String detector, int version, String sha256,
                           AnomalyModel model, Instant loadedAt) {

    /** Same model name, version and artifact: a reload of it would change nothing. */
    public boolean sameArtifact(String otherName, int otherVersion, String otherSha256) {
        return name.equals(otherName) && version == otherVersion && sha256.equalsIgnoreCase(otherSha256);
    }

    @Override
    public String toString() {
        return name + " v" + version;
    }
}
