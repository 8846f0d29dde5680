package dev.vigil.retrainer.kafka;

import dev.vigil.avro.ModelVersion;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelRegistryClient;
import dev.vigil.retrainer.RegistryPort;
import dev.vigil.retrainer.RegistryUnavailableException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;

/** The registry on Kafka, through the registry library; Kafka failures become {@link RegistryUnavailableException}. */
public final class KafkaRegistry implements RegistryPort {
    private final ModelRegistryClient client;

    public KafkaRegistry(VigilConfig config) {
        this.client = new ModelRegistryClient(config);
    }

    @Override
    public ModelCatalog catalog() {
        return guarded("read the catalog", client::catalog);
    }

    @Override
    public void publish(ModelVersion version, byte[] artifact) {
        guarded("publish " + version.getName() + " version " + version.getVersion(), () -> {
            client.publish(version, artifact);
            return null;
        });
    }

    @Override
    public void announce(List<ModelVersion> versions) {
        guarded("announce stage changes", () -> {
            client.announce(versions);
            return null;
        });
    }

    @Override
    public ModelVersion promote(String model, int version, String reason) {
        return guarded("promote " + model + " version " + version, () -> client.promote(model, version, reason));
    }

    @Override
    public byte[] artifact(ModelVersion version) {
        return guarded("read the artifact of " + version.getName() + " version " + version.getVersion(),
                () -> client.artifact(version));
    }

    private static <T> T guarded(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (KafkaException e) {
            throw new RegistryUnavailableException("cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
