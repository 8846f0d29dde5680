package dev.vigil.detectors;

import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelVersion;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Canary;
import dev.vigil.models.CanaryRejectedException;
import dev.vigil.models.ModelCodec;
import dev.vigil.models.ModelFormatException;
import dev.vigil.registry.ArtifactChunks;
import dev.vigil.registry.ArtifactIntegrityException;
import dev.vigil.registry.ModelKeys;
import dev.vigil.registry.ModelSignatures;
import java.time.Clock;
import java.util.List;

/**
 * Turns an announced version and its artifact chunks into a {@link ServingModel}, or refuses it. The checks
 * run in order of cost: the version is signed by a trusted key (when keys are configured; before any byte
 * is joined or deserialised), chunks complete and SHA-256 as announced, bytes decode to a model, the model
 * is the announced algorithm for the announced features, and it scores the canary rows sanely.
 */
public final class ModelLoader {
    private final Clock clock;
    private final ModelSignatures.Verifier verifier;

    /** A loader that does not check signatures (no trusted key configured). */
    public ModelLoader(Clock clock) {
        this(clock, null);
    }

    /** A loader that refuses versions not signed by one of the verifier's keys; a null verifier checks none. */
    public ModelLoader(Clock clock, ModelSignatures.Verifier verifier) {
        this.clock = clock;
        this.verifier = verifier;
    }

    public ServingModel load(ModelVersion version, List<ModelArtifact> chunks, CanarySet.Rows canary)
            throws ModelRefusedException {
        String unsigned = verifier == null ? null : verifier.problem(version);
        if (unsigned != null) {
            throw new ModelRefusedException(ModelRefusedException.Reason.SIGNATURE, unsigned, null);
        }
        byte[] bytes;
        try {
            bytes = ArtifactChunks.join(chunks, version.getArtifactSha256());
        } catch (ArtifactIntegrityException e) {
            throw new ModelRefusedException(ModelRefusedException.Reason.INTEGRITY, e.getMessage(), e);
        }
        AnomalyModel model;
        try {
            model = ModelCodec.decode(bytes);
        } catch (ModelFormatException e) {
            throw new ModelRefusedException(ModelRefusedException.Reason.FORMAT, e.getMessage(), e);
        }
        checkMatchesAnnouncement(version, model);
        try {
            Canary.verify(model, canary.featureNames(), canary.rows());
        } catch (CanaryRejectedException e) {
            throw new ModelRefusedException(ModelRefusedException.Reason.CANARY,
                    "canary on " + canary.source() + ": " + e.getMessage(), e);
        }
        String name = version.getName();
        return new ServingModel(name, ModelKeys.domainOf(name), ModelKeys.detectorOf(name), version.getVersion(),
                version.getArtifactSha256(), model, clock.instant());
    }

    private static void checkMatchesAnnouncement(ModelVersion version, AnomalyModel model) throws ModelRefusedException {
        String detector = ModelKeys.detectorOf(version.getName());
        if (!model.algorithm().equals(version.getAlgorithm()) || !model.algorithm().equals(detector)) {
            throw new ModelRefusedException(ModelRefusedException.Reason.MISMATCH, "artifact holds a " + model.algorithm()
                    + " model but " + version.getName() + " v" + version.getVersion() + " announces " + version.getAlgorithm(), null);
        }
        if (!model.featureNames().equals(version.getFeatureNames())) {
            throw new ModelRefusedException(ModelRefusedException.Reason.MISMATCH, "artifact expects features "
                    + model.featureNames() + " but the version announces " + version.getFeatureNames(), null);
        }
    }
}
