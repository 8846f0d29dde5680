package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DetectorMetricsTest {

    private static ServingModel version(ModelSlot slot, int version) {
        return new ServingModel(slot.name(), slot.domain(), slot.detector(), version, "sha" + version, null, Instant.EPOCH);
    }

    @Test
    void aModelsMetersExistAtZeroFromItsFirstAnnouncementAndUnscoredFromTheStart() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DetectorMetrics metrics = new DetectorMetrics(registry);
        for (String domain : dev.vigil.schemas.Entities.DOMAINS) {
            assertEquals(0.0, registry.get(DetectorMetrics.UNSCORED).tag("domain", domain).tag("reason", VectorScorer.REASON_NO_MODEL)
                    .counter().count());
        }
        assertEquals(null, registry.find(DetectorMetrics.SCORES).counter(), "no model, no score meters");

        metrics.announced("bgp-peer.rules");

        for (String shadow : new String[] {"false", "true"}) {
            assertEquals(0.0, registry.get(DetectorMetrics.SCORES).tag("domain", "bgp-peer").tag("detector", "rules")
                    .tag("shadow", shadow).counter().count());
            assertEquals(0, registry.get(DetectorMetrics.LATENCY).tag("domain", "bgp-peer").tag("shadow", shadow).timer().count());
        }
        for (String stage : new String[] {"production", "shadow"}) {
            assertEquals(0.0, registry.get(DetectorMetrics.SWAPS).tag("model", "bgp-peer.rules").tag("stage", stage).counter().count());
        }
        assertEquals(0.0, registry.get(DetectorMetrics.UNSCORED).tag("detector", "rules").tag("reason", VectorScorer.REASON_ERROR)
                .counter().count());
    }

    @Test
    void theServingVersionGaugeIsRegisteredOnceAndFollowsEverySwap() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DetectorMetrics metrics = new DetectorMetrics(registry);
        ModelSlot slot = new ModelSlot("telemetry-service.forecaster", "telemetry-service", "forecaster");
        ServingModel previous = null;
        for (int v = 1; v <= 3; v++) {
            ServingModel next = version(slot, v);
            slot.reference(ModelSlot.Stage.PRODUCTION).set(next);
            metrics.swapped(slot, ModelSlot.Stage.PRODUCTION, previous, next);
            previous = next;
            assertEquals(1, registry.find(DetectorMetrics.SERVING_VERSION).tag("stage", "production").gauges().size());
            assertEquals(v, registry.get(DetectorMetrics.SERVING_VERSION).tag("model", slot.name())
                    .tag("stage", "production").gauge().value());
        }
        assertEquals(3, registry.get(DetectorMetrics.SWAPS).tag("model", slot.name()).counter().count());
    }
}
