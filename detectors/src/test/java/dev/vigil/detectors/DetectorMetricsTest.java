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
