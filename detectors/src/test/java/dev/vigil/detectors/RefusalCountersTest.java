package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vigil.avro.ModelStage;
import dev.vigil.models.Algorithms;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A model's refusal counters exist at zero from its first announcement, so the first refusal is an increase. */
class RefusalCountersTest {
    @Test
    void refusalCountersStartAtZeroWhenAModelIsAnnounced() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ModelReloader reloader = new ModelReloader(new ServingModels(), new CanarySet(4), new ModelLoader(Clock.systemUTC()),
                new DetectorMetrics(registry), Clock.systemUTC(), true);
        byte[] artifact = TestModels.bytes(Algorithms.RULES, 1);
        reloader.onVersion(TestModels.version(Algorithms.RULES, 1, ModelStage.PRODUCTION, artifact));
        for (ModelRefusedException.Reason reason : ModelRefusedException.Reason.values()) {
            var counter = registry.find(DetectorMetrics.REFUSALS).tags("model", TestModels.name(Algorithms.RULES),
                    "reason", reason.tag()).counter();
            assertNotNull(counter, reason.tag());
            assertEquals(0.0, counter.count());
        }
    }
}
