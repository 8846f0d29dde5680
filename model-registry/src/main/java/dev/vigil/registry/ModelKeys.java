package dev.vigil.registry;

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
