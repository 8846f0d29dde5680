package dev.vigil.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The serving rule through the registry's life cycle: what each app must agree on. */
class ServingStateTest {
    private static final String MODEL = "bgp-peer.rules";
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    /** The records of one model as announced, in offset order, and the state they lead to. */
    private final List<ModelVersion> log = new ArrayList<>();
    private ServingState state = ServingState.EMPTY;

    private ModelVersion register(int version, ModelStage stage) {
        ModelVersion record = ModelVersion.newBuilder().setName(MODEL).setVersion(version).setDomain("bgp-peer")
                .setAlgorithm("rules").setStage(stage)
                .setTrainingData(new TrainingData("features.bgp", T0, T0, Map.of(), Map.of(), 10L, 0L)).setThreshold(0.5)
                .setFeatureNames(List.of("a")).setArtifactSha256("00").setArtifactSize(1)
                .setStageHistory(List.of(new StageChange(stage, T0.plusSeconds(version), "registered"))).setCreatedAt(T0)
                .build();
        return announce(record);
    }

    /** A stage change of the latest record of a version, as a promotion, rollback or archive writes it. */
    private ModelVersion move(int version, ModelStage stage) {
        ModelVersion latest = log.reversed().stream().filter(r -> r.getVersion() == version).findFirst().orElseThrow();
        return announce(ModelRegistryClient.withStage(latest, stage, "moved"));
    }

    /** What {@code ModelRegistryClient.promote} announces: the production version archived, then the new one. */
    private void promote(int version) {
        state.production().filter(p -> p != version).ifPresent(p -> move(p, ModelStage.ARCHIVED));
        move(version, ModelStage.PRODUCTION);
    }

    private ModelVersion announce(ModelVersion record) {
        log.add(record);
        state = state.announced(record);
        return record;
    }

    @Test
    void promotionServesTheNewVersionAndEndsItsShadow() {
        register(1, ModelStage.PRODUCTION);
        register(2, ModelStage.STAGING);
        assertEquals(Optional.of(1), state.serving());
        assertEquals(Optional.of(2), state.shadow());

        promote(2);
        assertEquals(Optional.of(2), state.production());
        assertEquals(Optional.of(2), state.serving());
        assertTrue(state.staging().isEmpty(), "a promoted staging version is no longer in shadow");
    }

    @Test
    void promotingAnOlderVersionIsARollback() {
        register(1, ModelStage.PRODUCTION);
        register(2, ModelStage.CANDIDATE);
        promote(2);
        promote(1);
        assertEquals(Optional.of(1), state.production());
        assertEquals(Optional.of(1), state.serving());
    }

    @Test
    void reAnnouncingAStageMovesTheVersionToTheEndOfTheOrder() {
        register(1, ModelStage.PRODUCTION);
        register(2, ModelStage.PRODUCTION);
        assertEquals(Optional.of(2), state.serving(), "both in production: the later announcement wins");
        move(1, ModelStage.PRODUCTION);
        assertEquals(Optional.of(1), state.serving(), "announcing v1 again puts it after v2");
    }

    @Test
    void archivingTheProductionVersionFallsBackToTheOneStillInProduction() {
        register(1, ModelStage.PRODUCTION);
        register(2, ModelStage.PRODUCTION);
        move(2, ModelStage.ARCHIVED);
        assertEquals(Optional.of(1), state.production());
        assertEquals(Optional.of(1), state.serving());
    }

    @Test
    void archivingProductionWithoutASuccessorLeavesTheLastServingVersionServing() {
        register(1, ModelStage.PRODUCTION);
        register(2, ModelStage.CANDIDATE);
        promote(2);
        move(2, ModelStage.ARCHIVED);
        assertTrue(state.production().isEmpty(), "nothing is announced in production");
        assertEquals(Optional.of(2), state.serving(), "the detectors keep the version they served, not v1 archived before");
    }

    @Test
    void aCandidateNeverInProductionIsNoFallback() {
        register(1, ModelStage.CANDIDATE);
        move(1, ModelStage.ARCHIVED);
        assertTrue(state.serving().isEmpty());
        assertFalse(state.mayServe(1));
    }

    @Test
    void aRefusedProductionVersionLeavesThePreviouslyServingVersionServing() {
        register(1, ModelStage.PRODUCTION);
        register(2, ModelStage.CANDIDATE);
        promote(2);
        state = state.refused(2);
        assertEquals(Optional.of(2), state.production(), "announced, but not what serves");
        assertEquals(Optional.of(1), state.serving());
        assertFalse(state.mayServe(2));
        assertTrue(state.mayServe(1));

        register(3, ModelStage.CANDIDATE);
        promote(3);
        assertEquals(Optional.of(3), state.serving(), "the next promotion serves again");
    }

    @Test
    void aRefusalCountsWhetherItArrivesBeforeOrAfterTheAnnouncement() {
        ServingState early = ServingState.EMPTY.refused(2);
        ServingState late = ServingState.EMPTY;
        for (int v = 1; v <= 2; v++) {
            ModelVersion record = register(v, ModelStage.PRODUCTION);
            early = early.announced(record);
            late = late.announced(record);
        }
        late = late.refused(2);
        assertEquals(late, early);
        assertEquals(Optional.of(1), early.serving());
    }

    @Test
    void aRefusedStagingVersionIsNotShadowed() {
        register(1, ModelStage.PRODUCTION);
        register(2, ModelStage.STAGING);
        state = state.refused(2);
        assertEquals(Optional.of(2), state.staging());
        assertTrue(state.shadow().isEmpty());
    }

    @Test
    void everyVersionRefusedMeansNothingServes() {
        register(1, ModelStage.PRODUCTION);
        state = state.refused(1);
        assertTrue(state.serving().isEmpty());
    }

    @Test
    void aTombstoneRemovesItsVersion() {
        register(1, ModelStage.PRODUCTION);
        register(2, ModelStage.PRODUCTION);
        state = state.deleted(2);
        assertEquals(Optional.of(1), state.serving());
        state = state.deleted(1);
        assertTrue(state.serving().isEmpty());
        assertEquals(ServingState.EMPTY, state.deleted(7), "deleting an unknown version changes nothing");
    }

    /** Compaction keeps each version's latest record in offset order: the rebuilt state must answer the same. */
    @Test
    void theCompactedTopicGivesTheSameAnswersAsTheWholeLog() {
        register(1, ModelStage.PRODUCTION);
        register(2, ModelStage.STAGING);
        promote(2);
        register(3, ModelStage.CANDIDATE);
        promote(3);
        promote(1);
        move(3, ModelStage.PRODUCTION);
        move(3, ModelStage.ARCHIVED);

        Map<Integer, Integer> latestOffset = new LinkedHashMap<>();
        for (int offset = 0; offset < log.size(); offset++) {
            latestOffset.put(log.get(offset).getVersion(), offset);
        }
        ServingState compacted = ServingState.EMPTY;
        for (int offset = 0; offset < log.size(); offset++) {
            if (latestOffset.get(log.get(offset).getVersion()) == offset) {
                compacted = compacted.announced(log.get(offset));
            }
        }
        assertEquals(state, compacted);
        assertEquals(Optional.of(1), compacted.serving());
        assertEquals(Optional.of(3), compacted.refused(1).serving(), "the version last announced of those that served");
    }
}
