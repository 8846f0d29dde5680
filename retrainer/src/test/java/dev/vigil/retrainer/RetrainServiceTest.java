package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Label;
import dev.vigil.avro.LabelRequest;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.models.ModelCodec;
import dev.vigil.models.TrainingSet;
import dev.vigil.registry.ArtifactChunks;
import dev.vigil.retrainer.testing.InMemoryRegistry;
import dev.vigil.sketches.Sketch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetrainServiceTest {
    static final Instant NOW = Fixtures.NOW;
    final InMemoryRegistry registry = new InMemoryRegistry();
    final List<LabelRequest> labelRequests = new ArrayList<>();
    final List<Instant> readsFrom = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Fixtures.Generated data = Fixtures.vectors(20, 100, 3);

    RetrainService service(List<Label> labels, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of("vigil.retrainer.min.samples", "500",
                "vigil.retrainer.label.requests", "5", "vigil.retrainer.promotion", "shadow"));
        config.putAll(overrides);
        RetrainerSettings settings = RetrainerSettings.from(VigilConfig.of("retrainer", config));
        FeatureSource features = (topic, from, buffer) -> {
            readsFrom.add(from);
            data.samples().forEach(buffer::add);
            return new FeatureBatch(topic, buffer.samples(), Map.of(0, 0L, 1, 0L, 2, 0L), Map.of(0, 700L, 1, 700L, 2, 600L));
        };
        return new RetrainService(settings, registry, features, () -> labels, labelRequests::addAll, new RetrainerMetrics(meters));
    }

    /** Every true anomaly and every tenth normal window labelled. */
    List<Label> someLabels() {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < data.samples().size(); i++) {
            boolean anomaly = data.truth().label(i) == TrainingSet.ANOMALY;
            if (anomaly || i % 10 == 0) {
                labels.add(Fixtures.label(data.samples().get(i), anomaly));
            }
        }
        return labels;
    }

    static MergedRequest request(String id, String model, boolean force, Instant at) {
        return MergedRequest.of(Fixtures.request(id, model, force, at));
    }

    @Test
    void aDomainRequestTrainsEveryDetectorAndRecordsHowEachVersionCameToBe() {
        List<Label> labels = someLabels();
        List<Outcome> outcomes = service(labels, Map.of()).handle(request("r1", "bgp-peer", false, NOW), NOW);

        assertEquals(4, outcomes.size());
        outcomes.forEach(o -> assertEquals(Outcome.Status.TRAINED, o.status(), o.toString()));
        for (ModelVersion v : registry.catalog().productionModels("bgp-peer")) {
            assertEquals(1, v.getVersion());
            assertEquals(ModelStage.PRODUCTION, v.getStage(), "a first version goes to production");
            assertEquals("features.bgp", v.getTrainingData().getTopic());
            assertEquals(Map.of("0", 700L, "1", 700L, "2", 600L), v.getTrainingData().getEndOffsets());
            assertEquals(1600L, v.getTrainingData().getSampleCount(), "80% of 2000 windows train, the newest 20% validate");
            assertTrue(v.getTrainingData().getLabelledCount() > 100);
            assertTrue(v.getValidation().containsKey("pr_auc") && v.getValidation().containsKey("alert_rate"));
            assertTrue(Double.isFinite(v.getThreshold()));
            assertEquals(data.truth().featureNames(), v.getFeatureNames());
            assertEquals(12, v.getBaselineSketches().size());
            assertEquals(1600, Sketch.fromBytes(bytes(v.getBaselineSketches().get("f0"))).count());
            assertEquals(1600, Sketch.fromBytes(bytes(v.getScoreSketch())).count());
            byte[] artifact = registry.artifact(v);
            assertEquals(ArtifactChunks.sha256(artifact), v.getArtifactSha256());
            assertEquals(v.getAlgorithm(), ModelCodec.decode(artifact).algorithm());
            assertNull(v.getParentVersion());
            assertEquals("r1", v.getRequestId());
            assertTrue(v.getStageHistory().getFirst().getReason().contains("drift r1"));
        }
        assertEquals(Set.of("isolation-forest", "forecaster", "rules", "classifier"), new HashSet<>(
                registry.catalog().productionModels("bgp-peer").stream().map(ModelVersion::getAlgorithm).toList()));
        assertEquals(4.0, meters.get("vigil.retrainer.outcomes").tag("status", "trained").counter().count());
    }

    @Test
    void labelRequestsAskAboutUnlabelledWindowsNearTheThresholdSpreadOverClusters() {
        List<Label> labels = someLabels();
        service(labels, Map.of()).handle(request("r1", "bgp-peer.isolation-forest", false, NOW), NOW);

        assertEquals(5, labelRequests.size());
        Set<String> labelled = new HashSet<>();
        labels.forEach(l -> labelled.add(FeatureSample.key(l.getEntity(), l.getWindowStart().toEpochMilli())));
        Set<String> asked = new HashSet<>();
        for (LabelRequest r : labelRequests) {
            String key = FeatureSample.key(r.getEntity(), r.getWindowStart().toEpochMilli());
            assertFalse(labelled.contains(key), "already labelled windows are not asked about");
            assertTrue(asked.add(key), "each window is asked once");
            assertEquals("bgp-peer.isolation-forest", r.getModelName());
            assertEquals(1, r.getModelVersion());
            assertTrue(Math.abs(r.getScore() - 0.5) < 0.2, "score " + r.getScore() + " is near the threshold");
            assertTrue(r.getReason().contains("cluster"), r.getReason());
        }
    }

    @Test
    void aRetriedRequestDoesNotCreateASecondVersion() {
        RetrainService service = service(List.of(), Map.of());
        service.handle(request("r1", "bgp-peer.rules", false, NOW), NOW);
        int announced = registry.announcements().size();

        List<Outcome> retry = service.handle(request("r1", "bgp-peer.rules", true, NOW), NOW.plusSeconds(5));

        assertEquals(Outcome.Status.ALREADY_DONE, retry.getFirst().status());
        assertEquals(1, retry.getFirst().version());
        assertEquals(announced, registry.announcements().size());
    }

    @Test
    void cooldownBlocksANewRequestButAForcedOneTrainsAStagingVersionThatShadowPromotionLaterPromotes() {
        RetrainService service = service(List.of(), Map.of());
        service.handle(request("r1", "bgp-peer.rules", false, NOW), NOW);

        Outcome blocked = service.handle(request("r2", "bgp-peer.rules", false, NOW), NOW.plus(Duration.ofHours(1))).getFirst();
        assertEquals(Outcome.Status.COOLDOWN, blocked.status());

        Outcome forced = service.handle(request("r3", "bgp-peer.rules", true, NOW), NOW.plus(Duration.ofHours(1))).getFirst();
        assertEquals(Outcome.Status.TRAINED, forced.status());
        assertEquals(ModelStage.STAGING, forced.stage(), forced.detail());
        ModelVersion v2 = registry.catalog().version("bgp-peer.rules", 2).orElseThrow();
        assertEquals(1, v2.getParentVersion());
        assertEquals(1, registry.catalog().production("bgp-peer.rules").orElseThrow().getVersion());

        assertTrue(service.promoteFinishedShadows(NOW.plus(Duration.ofMinutes(90))).isEmpty(), "shadow period not over");
        List<ModelVersion> promoted = service.promoteFinishedShadows(NOW.plus(Duration.ofHours(2)));
        assertEquals(1, promoted.size());
        assertEquals(2, registry.catalog().production("bgp-peer.rules").orElseThrow().getVersion());
        assertEquals(ModelStage.ARCHIVED, registry.catalog().version("bgp-peer.rules", 1).orElseThrow().getStage());
    }

    @Test
    void tooFewVectorsTrainNothing() {
        List<Outcome> outcomes = service(List.of(), Map.of("vigil.retrainer.min.samples", "5000"))
                .handle(request("r1", "bgp-peer", false, NOW), NOW);
        outcomes.forEach(o -> assertEquals(Outcome.Status.NOT_ENOUGH_DATA, o.status()));
        assertTrue(outcomes.getFirst().detail().contains("2000 vectors"), outcomes.getFirst().detail());
        assertTrue(registry.announcements().isEmpty());
    }

    @Test
    void theClassifierIsTrainedOnlyWithLabelsOfBothClasses() {
        Outcome classifier = service(List.of(), Map.of()).handle(request("r1", "bgp-peer.classifier", false, NOW), NOW).getFirst();
        assertEquals(Outcome.Status.CANNOT_TRAIN, classifier.status());
        assertTrue(classifier.detail().contains("both classes"), classifier.detail());
    }

    @Test
    void olderLabelsWidenTheReadSoTheirVectorsAreFoundAgain() {
        FeatureSample s = data.samples().getFirst();
        Instant old = NOW.minus(Duration.ofDays(10));
        Label oldLabel = Label.newBuilder(Fixtures.label(s, true)).setWindowStart(old).build();
        service(List.of(oldLabel), Map.of()).handle(request("r1", "bgp-peer.rules", false, NOW), NOW);
        assertEquals(List.of(old), readsFrom);
    }

    @Test
    void aRetryFinishesArchivingWhenACrashCameBetweenAnnouncingAndArchiving() {
        RetrainService service = service(List.of(), Map.of("vigil.retrainer.promotion", "direct"));
        service.handle(request("r1", "bgp-peer.rules", false, NOW), NOW);
        ModelVersion v1 = registry.catalog().version("bgp-peer.rules", 1).orElseThrow();
        // What a crash right after publishing version 2 leaves: version 1 still announced as production.
        ModelVersion v2 = ModelVersion.newBuilder(v1).setVersion(2).setRequestId("r2").setParentVersion(1).build();
        registry.publish(v2, registry.artifact(v1));
        assertEquals(ModelStage.PRODUCTION, registry.catalog().version("bgp-peer.rules", 1).orElseThrow().getStage());

        Outcome retry = service.handle(request("r2", "bgp-peer.rules", false, NOW), NOW).getFirst();

        assertEquals(Outcome.Status.ALREADY_DONE, retry.status());
        assertEquals(ModelStage.ARCHIVED, registry.catalog().version("bgp-peer.rules", 1).orElseThrow().getStage());
        assertEquals(2, registry.catalog().production("bgp-peer.rules").orElseThrow().getVersion());
    }

    @Test
    void aRequestForAnUnknownDomainFailsWithAReason() {
        MergedRequest bad = new MergedRequest(List.of("x"), "dns-resolver", "dns-resolver", List.of(), Map.of(),
                List.of("someone"), false, NOW, null);
        List<Outcome> outcomes = service(List.of(), Map.of()).handle(bad, NOW);
        assertEquals(4, outcomes.size());
        outcomes.forEach(o -> assertEquals(Outcome.Status.FAILED, o.status()));
        assertTrue(outcomes.getFirst().detail().contains("unknown domain dns-resolver"), outcomes.getFirst().detail());
        assertTrue(readsFrom.isEmpty(), "nothing is read for it");
    }

    static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    @Test
    void withTheDataClockTheTrainingWindowEndsAtTheNewestFeatureRecord() {
        // The vectors end just before NOW; a week later, a 2-hour window on the wall clock holds none of them.
        Instant weekLater = NOW.plus(java.time.Duration.ofDays(7));
        Map<String, String> twoHours = Map.of("vigil.retrainer.training.window", "2h");
        List<Outcome> wall = service(List.of(), twoHours).handle(request("w1", "bgp-peer.rules", false, weekLater), weekLater);
        assertEquals(Outcome.Status.NOT_ENOUGH_DATA, wall.getFirst().status());

        Map<String, String> dataClock = new HashMap<>(twoHours);
        dataClock.put("vigil.retrainer.training.clock", "data");
        RetrainerSettings settings = RetrainerSettings.from(VigilConfig.of("retrainer", dataClock));
        FeatureSource features = new FeatureSource() {
            @Override
            public FeatureBatch read(String topic, Instant from, SampleBuffer buffer) {
                data.samples().forEach(buffer::add);
                return new FeatureBatch(topic, buffer.samples(), Map.of(0, 0L), Map.of(0, 2000L));
            }

            @Override
            public java.util.Optional<Instant> newest(String topic) {
                return java.util.Optional.of(NOW);
            }
        };
        RetrainService service = new RetrainService(settings, registry, features, List::of, labelRequests::addAll,
                new RetrainerMetrics(meters));
        List<Outcome> data = service.handle(request("d1", "bgp-peer.rules", false, weekLater), weekLater);
        assertEquals(Outcome.Status.TRAINED, data.getFirst().status(), data.getFirst().detail());
        var trained = registry.catalog().version("bgp-peer.rules", 1).orElseThrow().getTrainingData();
        assertFalse(trained.getToTime().isAfter(NOW), "trained on data up to the newest record");
        assertFalse(trained.getFromTime().isBefore(NOW.minus(java.time.Duration.ofHours(2))), "and no further back than the window");
    }

    static MergedRequest changedSince(String id, String model, Instant change) {
        return MergedRequest.of(RetrainRequest.newBuilder(Fixtures.request(id, model, false, NOW)).setChangedSince(change).build());
    }

    @Test
    void aDriftRequestWithAChangeTrainsAndValidatesOnTheWindowsSinceTheChange() {
        Instant change = NOW.minus(Duration.ofMinutes(40)); // 20 entities x 40 windows since then
        List<Outcome> outcomes = service(List.of(), Map.of()).handle(changedSince("c1", "bgp-peer.isolation-forest", change), NOW);

        assertEquals(Outcome.Status.TRAINED, outcomes.getFirst().status(), outcomes.getFirst().detail());
        ModelVersion v = registry.catalog().version("bgp-peer.isolation-forest", 1).orElseThrow();
        assertEquals(640L, v.getTrainingData().getSampleCount(), "80% of the 800 windows since the change");
        assertFalse(v.getTrainingData().getFromTime().isBefore(change));
        assertEquals(change.toString(), v.getParameters().get("vigil.training.changed.since"));
        assertEquals("true", v.getParameters().get("vigil.training.since.change"));
        assertFalse(v.getParameters().containsKey("vigil.training.since.change.fallback"));
    }

    @Test
    void tooFewWindowsSinceTheChangeTrainOnTheWholeWindowAndTheVersionSaysWhy() {
        Instant change = NOW.minus(Duration.ofMinutes(10)); // 200 windows, min.samples is 500
        service(List.of(), Map.of()).handle(changedSince("c1", "bgp-peer.isolation-forest", change), NOW);

        ModelVersion v = registry.catalog().version("bgp-peer.isolation-forest", 1).orElseThrow();
        assertEquals(1900L, v.getTrainingData().getSampleCount(),
                "the whole window but the second and fourth quarters of the ten minutes since the change, held out");
        assertEquals("false", v.getParameters().get("vigil.training.since.change"));
        assertEquals("200 vectors since the change, need 500", v.getParameters().get("vigil.training.since.change.fallback"));
    }

    @Test
    void rowsSinceTheChangeThatCannotTrainADetectorTheWindowCouldTrainFallBack() {
        // Three windows per entity since the change: enough rows, too short for the forecaster's three lags.
        Instant change = NOW.minus(Duration.ofMinutes(3));
        List<Outcome> outcomes = service(List.of(), Map.of("vigil.retrainer.min.samples", "30"))
                .handle(changedSince("c1", "bgp-peer.forecaster", change), NOW);

        assertEquals(Outcome.Status.TRAINED, outcomes.getFirst().status(), outcomes.getFirst().detail());
        ModelVersion v = registry.catalog().version("bgp-peer.forecaster", 1).orElseThrow();
        assertEquals(1960L, v.getTrainingData().getSampleCount(), "the whole window but the two newer minutes of three held out");
        assertTrue(v.getParameters().get("vigil.training.since.change.fallback").startsWith("forecaster cannot be trained"),
                v.getParameters().toString());
    }

    @Test
    void aDomainMaySettleForFewerWindowsSinceTheChangeThanItNeedsToStart() {
        Instant change = NOW.minus(Duration.ofMinutes(10)); // 200 windows, min.samples is 500
        Map<String, String> config = Map.of("vigil.retrainer.min.samples.since.change.bgp-peer", "150",
                "vigil.retrainer.min.samples.since.change", "1000");
        List<Outcome> outcomes = service(List.of(), config).handle(changedSince("c1", "bgp-peer.isolation-forest", change), NOW);

        assertEquals(Outcome.Status.TRAINED, outcomes.getFirst().status(), outcomes.getFirst().detail());
        ModelVersion v = registry.catalog().version("bgp-peer.isolation-forest", 1).orElseThrow();
        assertEquals(160L, v.getTrainingData().getSampleCount(), "80% of the 200 windows since the change");
        assertEquals("true", v.getParameters().get("vigil.training.since.change"));
        RetrainerSettings settings = RetrainerSettings.from(VigilConfig.of("retrainer", config));
        assertEquals(150, settings.minSamplesSinceChange("bgp-peer"));
        assertEquals(1000, settings.minSamplesSinceChange("telemetry-service"), "the key without a domain for the others");
        assertEquals(1000, RetrainerSettings.defaults().minSamplesSinceChange("bgp-peer"), "min.samples when unset");
    }
}
