package dev.vigil.ingest;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.MetricSample;
import dev.vigil.avro.RequestEvent;

/**
 * Names of the entities Vigil computes features for. The same strings key the input topics (so one entity's
 * records stay in order on one partition) and the feature vectors.
 */
public final class Entities {
    public static final String BGP_PEER = "bgp-peer";
    public static final String BGP_ORIGIN = "bgp-origin";
    public static final String TELEMETRY_SERVICE = "telemetry-service";
    public static final String TELEMETRY_METRIC = "telemetry-metric";

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
}
