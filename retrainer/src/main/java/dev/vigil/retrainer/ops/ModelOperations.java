package dev.vigil.retrainer.ops;

import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import dev.vigil.registry.ModelRegistryClient;
import dev.vigil.retrainer.kafka.RetrainRequestPublisher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code vigil models list | show | history | promote | rollback | retrain} do, as plain calls that
 * return the text to print. Reads and writes the registry topics and {@code retrain.requests}.
 */
public final class ModelOperations {
    private final VigilConfig config;
    private final ModelRegistryClient registry;

    public ModelOperations(VigilConfig config) {
        this.config = config;
        this.registry = new ModelRegistryClient(config);
    }

    public String list() {
        ModelCatalog catalog = registry.catalogWithRefusals();
        return catalog.models().isEmpty() ? "No models registered yet." + System.lineSeparator() + CatalogTables.unreadable(catalog)
                : CatalogTables.list(catalog);
    }

    /** A line per announced version a serving app refused, with its reason; empty when none was. */
    public String refusals() {
        return CatalogTables.refusals(registry.catalogWithRefusals());
    }

    /** One version; without a version number, the production version (or the newest one). */
    public String show(String model, Integer version) {
        return CatalogTables.show(find(registry.catalog(), model, version));
    }

    public String history(String model) {
        ModelCatalog catalog = registry.catalog();
        requireModel(catalog, model);
        return CatalogTables.history(catalog, model);
    }

    public String promote(String model, int version, String operator, String reason) {
        ModelVersion promoted = registry.promote(model, version, "promoted by " + operator + (reason == null ? "" : ": " + reason));
        return model + " version " + promoted.getVersion() + " is now in production." + System.lineSeparator();
    }

    /** Returns production to the version the current one replaced. */
    public String rollback(String model, String operator, String reason) {
        ModelCatalog catalog = registry.catalog();
        requireModel(catalog, model);
        ModelVersion target = CatalogTables.rollbackTarget(catalog, model).orElseThrow(() ->
                new IllegalStateException(model + " has no earlier production version to roll back to"));
        int from = catalog.production(model).map(ModelVersion::getVersion).orElse(0);
        registry.promote(model, target.getVersion(), "rollback from version " + from + " by " + operator
                + (reason == null ? "" : ": " + reason));
        return model + " rolled back from version " + from + " to version " + target.getVersion() + "." + System.lineSeparator();
    }

    /** Sends a retrain request for a model or a whole domain; returns its id. */
    public String retrain(String modelOrDomain, boolean force, String operator, String reason) {
        String domain = modelOrDomain.contains(".") ? ModelKeys.domainOf(modelOrDomain) : modelOrDomain;
        String id = "operator-" + UUID.randomUUID();
        RetrainRequest request = RetrainRequest.newBuilder().setRequestId(id).setModel(modelOrDomain).setDomain(domain)
                .setReasons(List.of(reason == null ? "requested by " + operator : reason)).setDriftFigures(Map.of())
                .setRequester(operator).setForce(force).setRequestedAt(Instant.now()).build();
        try (RetrainRequestPublisher publisher = new RetrainRequestPublisher(config)) {
            publisher.send(request);
        }
        return id;
    }

    static ModelVersion find(ModelCatalog catalog, String model, Integer version) {
        requireModel(catalog, model);
        if (version != null) {
            return catalog.version(model, version).orElseThrow(() ->
                    new IllegalArgumentException("No version " + version + " of model " + model));
        }
        return catalog.production(model).orElseGet(() -> catalog.versions(model).getLast());
    }

    private static void requireModel(ModelCatalog catalog, String model) {
        if (!catalog.models().contains(model)) {
            throw new IllegalArgumentException("No model " + model + "; registered: " + catalog.models());
        }
    }
}
