package dev.vigil.schemas;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.MetricSample;
import dev.vigil.avro.RequestEvent;
import java.util.List;

/**
 * Names of the entities Vigil computes features for, and of their domains: one place for every app, so an
 * entity keeps one name from the input topics (where it keys the records, keeping one entity's records in
 * order on one partition) through features, scores, alerts and labels.
 */
public final class Entities {
    public static final String BGP_PEER = "bgp-peer";
    public static final String BGP_ORIGIN = "bgp-origin";
    public static final String TELEMETRY_SERVICE = "telemetry-service";
    public static final String TELEMETRY_METRIC = "telemetry-metric";
    /** Every feature domain. */
    public static final List<String> DOMAINS = List.of(BGP_PEER, BGP_ORIGIN, TELEMETRY_SERVICE, TELEMETRY_METRIC);
    /**
     * Features that encode when a window lies (hour of day, day of week), not what the entity did: the same for every
     * entity at the same time, so they say nothing about drift, and a detector with its own sense of time skips them.
     */
    public static final List<String> CALENDAR_FEATURES = List.of("hour_sin", "hour_cos", "dow_sin", "dow_cos");

    private Entities() {
    }

    /** {@code peer:rrc04|AS513|192.0.2.1}; the address part is left out when unknown (labelled datasets). */
    public static String peer(String collector, long asn, String address) {
        String base = "peer:" + collector + "|AS" + asn;
        return address == null || address.isEmpty() ? base : base + "|" + address;
    }

    public static String peer(BgpUpdate update) {
        return peer(update.getCollector(), update.getPeerAsn(), update.getPeerAddress());
    }

    /** {@code origin:AS3356}. */
    public static String origin(long asn) {
        return "origin:AS" + asn;
    }

    /** {@code service:checkout}. */
    public static String service(String service) {
        return "service:" + service;
    }

    public static String service(RequestEvent event) {
        return service(event.getService());
    }

    /** {@code metric:host1|cpu}. */
    public static String metric(String source, String metric) {
        return "metric:" + source + "|" + metric;
    }

    public static String metric(MetricSample sample) {
        return metric(sample.getSource(), sample.getMetric());
    }

    /** The domain of an entity name. */
    public static String domainOf(String entity) {
        if (entity.startsWith("peer:")) {
            return BGP_PEER;
        }
        if (entity.startsWith("origin:")) {
            return BGP_ORIGIN;
        }
        if (entity.startsWith("service:")) {
            return TELEMETRY_SERVICE;
        }
        if (entity.startsWith("metric:")) {
            return TELEMETRY_METRIC;
        }
        throw new IllegalArgumentException("Unknown kind of entity '" + entity + "': expected peer:, origin:, service: or metric:");
    }

    /** Key of a label on the labels topic: one label per entity window, so compaction keeps the latest verdict. */
    public static String labelKey(String entity, long windowStartMillis) {
        return entity + "|" + windowStartMillis;
    }
}
