package dev.vigil.retrainer;

import dev.vigil.avro.ModelVersion;
import dev.vigil.registry.ModelCatalog;
import java.util.List;

/** What the retrainer needs of the model registry; on Kafka it is the registry library's client. */
public interface RegistryPort {
    ModelCatalog catalog();

    /** Writes the artifact and the version record atomically. */
    void publish(ModelVersion version, byte[] artifact);

    /** Re-announces versions after stage changes. */
    void announce(List<ModelVersion> versions);

    /** Moves a version to production and archives the one it replaces. */
    ModelVersion promote(String model, int version, String reason);

    /** The verified artifact bytes of a version. */
    byte[] artifact(ModelVersion version);
}
