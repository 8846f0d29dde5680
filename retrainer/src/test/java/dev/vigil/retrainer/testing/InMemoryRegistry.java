package dev.vigil.retrainer.testing;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.registry.ArtifactChunks;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelRegistryClient;
import dev.vigil.retrainer.RegistryPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A registry in memory with the same semantics as the Kafka one (records applied in announcement order,
 * artifacts checked by SHA-256): for benchmarks that time the retrainer without a broker, and for tests. A test
 * fixture: the retrainer's test-jar publishes this package, the app's jar does not hold it.
 */
public final class InMemoryRegistry implements RegistryPort {
    private final List<ModelVersion> announcements = new ArrayList<>();
    private final Map<String, byte[]> artifacts = new HashMap<>();

    @Override
    public synchronized ModelCatalog catalog() {
        ModelCatalog catalog = new ModelCatalog();
        announcements.forEach(catalog::apply);
        return catalog;
    }

    @Override
    public synchronized void publish(ModelVersion version, byte[] artifact) {
        artifacts.put(version.getName() + "/" + version.getVersion(), artifact.clone());
        announcements.add(version);
    }

    @Override
    public synchronized void announce(List<ModelVersion> versions) {
        announcements.addAll(versions);
    }

    @Override
    public synchronized ModelVersion promote(String model, int version, String reason) {
        ModelCatalog catalog = catalog();
        ModelVersion target = catalog.version(model, version)
                .orElseThrow(() -> new IllegalArgumentException("No version " + version + " of model " + model));
        List<ModelVersion> changes = new ArrayList<>();
        catalog.production(model).filter(p -> p.getVersion() != version).ifPresent(p ->
                changes.add(ModelRegistryClient.withStage(p, ModelStage.ARCHIVED, "replaced by version " + version)));
        ModelVersion promoted = ModelRegistryClient.withStage(target, ModelStage.PRODUCTION, reason);
        changes.add(promoted);
        announce(changes);
        return promoted;
    }

    @Override
    public synchronized byte[] artifact(ModelVersion version) {
        byte[] bytes = artifacts.get(version.getName() + "/" + version.getVersion());
        if (bytes == null || !ArtifactChunks.sha256(bytes).equalsIgnoreCase(version.getArtifactSha256())) {
            throw new IllegalStateException("no intact artifact for " + version.getName() + " version " + version.getVersion());
        }
        return bytes.clone();
    }

    /** Every record announced, in order. */
    public synchronized List<ModelVersion> announcements() {
        return List.copyOf(announcements);
    }
}
