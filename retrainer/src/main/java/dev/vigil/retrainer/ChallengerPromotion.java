package dev.vigil.retrainer;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.registry.ModelCatalog;
import java.util.Optional;

/**
 * A request from the ensemble's champion/challenger trial to promote the winning challenger: the first
 * reason is {@code promote-challenger} and {@code ab.challenger.version} names the version. The retrainer
 * stays the registry's only writer, so it carries the promotion out instead of training.
 */
final class ChallengerPromotion {
    static final String REASON = "promote-challenger";
    static final String VERSION_FIGURE = "ab.challenger.version";

    private ChallengerPromotion() {
    }

    static boolean isPromotion(MergedRequest request) {
        return !request.reasons().isEmpty() && request.reasons().getFirst().equals(REASON)
                && request.driftFigures().containsKey(VERSION_FIGURE);
    }

    static Outcome apply(MergedRequest request, ModelCatalog catalog, RegistryPort registry) {
        String model = request.model();
        int version = request.driftFigures().get(VERSION_FIGURE).intValue();
        Optional<ModelVersion> target = catalog.version(model, version);
        if (target.isEmpty()) {
            return Outcome.without(model, Outcome.Status.FAILED, "challenger version " + version + " is not registered");
        }
        if (catalog.production(model).map(p -> p.getVersion() == version).orElse(false)) {
            return new Outcome(model, Outcome.Status.ALREADY_DONE, version, ModelStage.PRODUCTION, "already in production");
        }
        String why = request.reasons().size() > 1 ? request.reasons().get(1) : "challenger won the trial";
        ModelVersion promoted = registry.promote(model, version, "champion/challenger: " + why);
        return new Outcome(model, Outcome.Status.PROMOTED, promoted.getVersion(), promoted.getStage(), why);
    }
}
