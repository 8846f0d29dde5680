package dev.vigil.registry.ops;

import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import dev.vigil.registry.ModelRegistryClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

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

    /** Returns production to the version the current one replaced (never to one a serving app refused). */
    public String rollback(String model, String operator, String reason) {
        ModelCatalog catalog = registry.catalogWithRefusals();
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
        send(request);
        return id;
    }

    /** Writes a request to {@code retrain.requests}, keyed by its model (or domain), and waits for the broker. */
    private void send(RetrainRequest request) {
        Properties p = config.clientProperties();
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        String topic = new Topics(config).name(Typed.RETRAIN_REQUESTS);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(),
                new AvroSerializer<>(Typed.RETRAIN_REQUESTS, RegistrySettings.from(config)))) {
            producer.send(new ProducerRecord<>(topic, request.getModel(), request)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot send to " + topic + ": " + e.getCause(), e.getCause());
        }
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
