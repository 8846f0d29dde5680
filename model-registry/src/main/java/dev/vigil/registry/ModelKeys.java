package dev.vigil.registry;

import java.util.Optional;

/**
 * Record keys of the registry topics. Versions are keyed by {@code <model>/<version>} (not by model alone)
 * so compaction keeps every version's latest record, which history and rollback need.
 */
public final class ModelKeys {
    private ModelKeys() {
    }

    public static String version(String model, int version) {
        return model + "/" + version;
    }

    /** A version record's key taken apart. */
    public record VersionKey(String model, int version) {
    }

    /** The model and version of a key {@code <model>/<version>}; empty for any other key. */
    public static Optional<VersionKey> parseVersion(String key) {
        int slash = key == null ? -1 : key.lastIndexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VersionKey(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static String artifactChunk(String model, int version, int chunk) {
        return model + "/" + version + "/" + chunk;
    }

    /** Model name of a domain's detector, e.g. {@code bgp-peer.isolation-forest}. */
    public static String modelName(String domain, String detector) {
        return domain + "." + detector;
    }

    public static String domainOf(String modelName) {
        int dot = modelName.lastIndexOf('.');
        return dot < 0 ? modelName : modelName.substring(0, dot);
    }

    public static String detectorOf(String modelName) {
        int dot = modelName.lastIndexOf('.');
        return dot < 0 ? modelName : modelName.substring(dot + 1);
    }
}
