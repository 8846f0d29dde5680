package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.avro.StageChange;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
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

    DomainCoverage covering(long windows, Duration span) {
        return new DomainCoverage(windows, t0.minus(span), t0);
    }

    @Test
    void aDomainWithoutModelsIsBootstrappedOnceItHasEnoughVectorsOverADayAndItsHoldout() {
        ModelCatalog catalog = new ModelCatalog();
        assertTrue(automatic.bootstrap(catalog, Map.of("bgp-peer", covering(999, Duration.ofDays(2))), t0).isEmpty());
        assertTrue(automatic.bootstrap(catalog, Map.of("bgp-peer", covering(50_000, Duration.ofHours(29))), t0).isEmpty(),
                "many vectors of a few hours do not show the daily cycle");

        List<RetrainRequest> requests = automatic.bootstrap(catalog, Map.of("bgp-peer", covering(1000, Duration.ofHours(30)),
                "telemetry-metric", covering(5000, Duration.ofDays(3))), t0);
        assertEquals(1, requests.size(), "only watched domains");
        RetrainRequest r = requests.getFirst();
        assertEquals("bgp-peer", r.getModel());
        assertEquals("bootstrap-bgp-peer", r.getRequestId(), "a repeated bootstrap request has the same id");
        assertEquals("bootstrap", r.getRequester());
        assertEquals(List.of("bootstrap: 1000 vectors over 30.0 h and no model yet"), r.getReasons());
    }

    @Test
    void theSpanAFirstModelWaitsForIsASettingAndCannotExceedTheTrainingWindow() {
        RetrainerSettings hourly = RetrainerSettings.from(VigilConfig.of("retrainer", Map.of(
                "vigil.retrainer.bootstrap.domains", "bgp-peer", "vigil.retrainer.min.span", "1h")));
        assertEquals(1, new AutomaticRequests(hourly).bootstrap(new ModelCatalog(),
                Map.of("bgp-peer", covering(1000, Duration.ofHours(1))), t0).size());
        assertEquals(Duration.ofHours(30), RetrainerSettings.defaults().minSpan(), "a day and the holdout unless set");
        assertEquals(Duration.ofHours(12), RetrainerSettings.from(VigilConfig.of("retrainer", Map.of(
                "vigil.retrainer.training.window", "12h"))).minSpan(), "unset, no more than the training window");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetrainerSettings.from(
                VigilConfig.of("retrainer", Map.of("vigil.retrainer.training.window", "12h", "vigil.retrainer.min.span", "1d"))));
        assertEquals("vigil.retrainer.min.span (1d) exceeds vigil.retrainer.training.window (12h): no training window could"
                + " hold a first model's data", e.getMessage());
    }

    @Test
    void coverageIsTheEventTimeFromTheFirstWindowsStartToTheLastWindowsEnd() {
        assertEquals(Duration.ZERO, DomainCoverage.NONE.span());
        assertEquals(Duration.ofHours(5), new DomainCoverage(3, t0, t0.plus(Duration.ofHours(5))).span());
        assertThrows(IllegalArgumentException.class, () -> new DomainCoverage(3, t0, t0.minusSeconds(1)));
        assertTrue(new DomainCoverage(10, t0, t0.plus(Duration.ofHours(5))).suffices(10, Duration.ofHours(5)));
        assertFalse(new DomainCoverage(9, t0, t0.plus(Duration.ofHours(5))).suffices(10, Duration.ofHours(5)));
    }

    @Test
    void aDomainWithAModelIsNotBootstrapped() {
        ModelCatalog catalog = new ModelCatalog();
        catalog.apply(CooldownTest.createdAt(1, t0));
        assertTrue(automatic.bootstrap(catalog, Map.of("bgp-peer", covering(10_000, Duration.ofDays(2))), t0).isEmpty());
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

    static ModelVersion version(String model, int version, ModelStage stage, Instant at) {
        return ModelVersion.newBuilder(CooldownTest.createdAt(version, at)).setName(model).setAlgorithm(ModelKeys.detectorOf(model))
                .setStage(stage).setStageHistory(List.of(new StageChange(stage, at, ""))).build();
    }

    @Test
    void aDomainWhoseFirstModelsAllFailedValidationIsTriedAgainAfterTheCooldown() {
        ModelCatalog catalog = new ModelCatalog();
        catalog.apply(version("bgp-peer.rules", 1, ModelStage.CANDIDATE, t0));
        catalog.apply(version("bgp-peer.isolation-forest", 1, ModelStage.CANDIDATE, t0));
        assertTrue(automatic.bootstrap(catalog, Map.of(), t0.plus(Duration.ofHours(11))).isEmpty(), "within the cooldown (12 h)");

        List<RetrainRequest> retry = automatic.bootstrap(catalog, Map.of(), t0.plus(Duration.ofHours(13)));
        assertEquals(1, retry.size());
        assertEquals("bootstrap-bgp-peer-after-v1", retry.getFirst().getRequestId(), "a new id per attempt");
        assertEquals("bgp-peer", retry.getFirst().getModel(), "every detector of the domain");

        catalog.apply(version("bgp-peer.rules", 2, ModelStage.STAGING, t0.plus(Duration.ofHours(13))));
        catalog.apply(version("bgp-peer.isolation-forest", 2, ModelStage.CANDIDATE, t0.plus(Duration.ofHours(13))));
        assertTrue(automatic.bootstrap(catalog, Map.of(), t0.plus(Duration.ofHours(24))).isEmpty(),
                "the forest failed again and its cooldown runs");
        catalog.apply(version("bgp-peer.rules", 2, ModelStage.PRODUCTION, t0.plus(Duration.ofHours(14))));
        assertTrue(automatic.bootstrap(catalog, Map.of(), t0.plus(Duration.ofHours(36))).isEmpty(),
                "a second failure doubles the wait: 24 h from the second version");
        catalog.apply(version("bgp-peer.forecaster", 1, ModelStage.CANDIDATE, t0.plus(Duration.ofHours(40))));
        List<RetrainRequest> forest = automatic.bootstrap(catalog, Map.of(), t0.plus(Duration.ofDays(2)));
        assertEquals(List.of("bootstrap-bgp-peer.isolation-forest-after-v2"), forest.stream().map(RetrainRequest::getRequestId).toList(),
                "the rules serve; the forest that never passed is tried again on its own, the forecaster once its cooldown is over");
        assertEquals("bgp-peer.isolation-forest", forest.getFirst().getModel());
        assertEquals("bgp-peer", forest.getFirst().getDomain());

        catalog.apply(version("bgp-peer.isolation-forest", 3, ModelStage.PRODUCTION, t0.plus(Duration.ofDays(2))));
        catalog.apply(ModelVersion.newBuilder(version("bgp-peer.isolation-forest", 3, ModelStage.ARCHIVED, t0.plus(Duration.ofDays(3))))
                .setStageHistory(List.of(new StageChange(ModelStage.PRODUCTION, t0.plus(Duration.ofDays(2)), ""),
                        new StageChange(ModelStage.ARCHIVED, t0.plus(Duration.ofDays(3)), "retired"))).build());
        assertEquals(List.of("bootstrap-bgp-peer.forecaster-after-v1"), automatic.bootstrap(catalog, Map.of(), t0.plus(Duration.ofDays(4)))
                .stream().map(RetrainRequest::getRequestId).toList(), "a model that once served and was retired is not tried again");
    }

    @Test
    void underManualPromotionCandidatesAreWhatIsExpectedAndNothingIsRetried() {
        AutomaticRequests manual = new AutomaticRequests(RetrainerSettings.from(VigilConfig.of("retrainer", Map.of(
                "vigil.retrainer.bootstrap.domains", "bgp-peer", "vigil.retrainer.promotion", "manual"))));
        ModelCatalog catalog = new ModelCatalog();
        catalog.apply(version("bgp-peer.rules", 1, ModelStage.CANDIDATE, t0));
        assertTrue(manual.bootstrap(catalog, Map.of(), t0.plus(Duration.ofDays(2))).isEmpty());
    }
}
