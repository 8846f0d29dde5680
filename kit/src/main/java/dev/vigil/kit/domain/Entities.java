package dev.vigil.kit.domain;

/**
 * Names of entities and feature domains, shared by every app so an entity keeps one name from features to
 * alerts and labels. Entities are record keys on every topic from features onward.
 */
public final class Entities {
    public static final String BGP_PEER = "bgp-peer";
    public static final String BGP_ORIGIN = "bgp-origin";
    public static final String TELEMETRY_SERVICE = "telemetry-service";
    public static final String TELEMETRY_METRIC = "telemetry-metric";

    private Entities() {
    }

    /** A BGP peer as seen at one collector: {@code peer:rrc04|AS513|192.65.185.3}. */
    public static String peer(String collector, long asn, String address) {
        return "peer:" + collector + "|AS" + asn + "|" + address;
    }

    /** An origin AS: {@code origin:AS3356}. */
    public static String origin(long asn) {
        return "origin:AS" + asn;
    }

    /** A service of request events: {@code service:checkout}. */
    public static String service(String name) {
        return "service:" + name;
    }

    /** A metric series of one source: {@code metric:host-1|cpu_utilization}. */
    public static String metric(String source, String metric) {
        return "metric:" + source + "|" + metric;
    }

    /** The domain of an entity name. */
    public static String domainOf(String entity) {
        if (entity.startsWith("peer:")) return BGP_PEER;
        if (entity.startsWith("origin:")) return BGP_ORIGIN;
        if (entity.startsWith("service:")) return TELEMETRY_SERVICE;
        if (entity.startsWith("metric:")) return TELEMETRY_METRIC;
        throw new IllegalArgumentException("Unknown entity kind: " + entity);
    }

    /** Key of a label on the labels topic: one label per entity window, so compaction keeps the latest verdict. */
    public static String labelKey(String entity, long windowStartMillis) {
        return entity + "|" + windowStartMillis;
    }
}
