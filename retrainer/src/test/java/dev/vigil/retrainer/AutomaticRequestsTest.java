package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.RetrainRequest;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.registry.ModelCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutomaticRequestsTest {
    final RetrainerSettings settings = RetrainerSettings.from(VigilConfig.of("retrainer", Map.of(
            "vigil.retrainer.bootstrap.domains", "bgp-peer,bgp-origin")));
    final AutomaticRequests automatic = new AutomaticRequests(settings);
    final Instant t0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aDomainWithoutModelsIsBootstrappedOnceItHasEnoughVectors() {
        ModelCatalog catalog = new ModelCatalog();
        assertTrue(automatic.bootstrap(catalog, Map.of("bgp-peer", 999L), t0).isEmpty());

        List<RetrainRequest> requests = automatic.bootstrap(catalog, Map.of("bgp-peer", 1000L, "telemetry-metric", 5000L), t0);
        assertEquals(1, requests.size(), "only watched domains");
        RetrainRequest r = requests.getFirst();
        assertEquals("bgp-peer", r.getModel());
        assertEquals("bootstrap-bgp-peer", r.getRequestId(), "a repeated bootstrap request has the same id");
        assertEquals("bootstrap", r.getRequester());
    }

    @Test
    void aDomainWithAModelIsNotBootstrapped() {
        ModelCatalog catalog = new ModelCatalog();
        catalog.apply(CooldownTest.createdAt(1, t0));
        assertTrue(automatic.bootstrap(catalog, Map.of("bgp-peer", 10_000L), t0).isEmpty());
    }

    @Test
    void aProductionModelNotRetrainedWithinTheMaximumIntervalGetsAScheduledRequest() {
        ModelCatalog catalog = new ModelCatalog();
        catalog.apply(CooldownTest.createdAt(1, t0));
        assertTrue(automatic.scheduled(catalog, t0.plus(Duration.ofDays(6))).isEmpty());
        List<RetrainRequest> due = automatic.scheduled(catalog, t0.plus(Duration.ofDays(8)));
        assertEquals(1, due.size());
        assertEquals("bgp-peer.rules", due.getFirst().getModel());
        assertEquals("scheduler-bgp-peer.rules-after-v1", due.getFirst().getRequestId());
    }
}
