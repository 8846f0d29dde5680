package dev.vigil.detectors;

import static dev.vigil.detectors.TestModels.bytes;
import static dev.vigil.detectors.TestModels.chunks;
import static dev.vigil.detectors.TestModels.name;
import static dev.vigil.detectors.TestModels.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.models.Algorithms;
import dev.vigil.registry.ModelRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelReloaderTest {
    private static final String RULES = Algorithms.RULES;
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<String> swaps = new ArrayList<>();
    private final MutableClock clock = new MutableClock();
    private final ModelReloader reloader = new ModelReloader(new ServingModels(), new CanarySet(16),
            new ModelLoader(clock), new ReloadListener() {
                @Override
                public void swapped(ModelSlot slot, ModelSlot.Stage stage, ServingModel previous, ServingModel next) {
                    swaps.add(stage.tag() + ":v" + next.version());
                }

                @Override
                public void shadowEnded(ModelSlot slot, ServingModel previous) {
                    swaps.add("shadow-ended:v" + previous.version());
                }

                @Override
                public void refused(Refusal refusal) {
                    refusals.add(refusal);
                }
            }, clock, true);

    {
        reloader.activate();
    }

    private ModelVersion publish(int v, ModelStage stage, long seed) {
        byte[] artifact = bytes(RULES, seed);
        ModelVersion version = version(RULES, v, stage, artifact);
        chunks(version, artifact, 1000).forEach(reloader::onChunk);
        reloader.onVersion(version);
        return version;
    }

    private ModelSlot slot() {
        return reloader.serving().slot(name(RULES));
    }

    @Test
    void servesTheAnnouncedProductionVersionAndSwapsToTheNext() {
        publish(1, ModelStage.PRODUCTION, 1);
        ServingModel v1 = slot().production();
        assertEquals(1, v1.version());
        publish(2, ModelStage.PRODUCTION, 2);
        assertEquals(2, slot().production().version());
        assertEquals(List.of("production:v1", "production:v2"), swaps);
        assertTrue(refusals.isEmpty());
    }

    @Test
    void waitsForChunksThatArriveAfterTheAnnouncement() {
        byte[] artifact = bytes(RULES, 1);
        ModelVersion version = version(RULES, 1, ModelStage.PRODUCTION, artifact);
        List<ModelArtifact> parts = chunks(version, artifact, artifact.length / 3 + 1);
        ModelVersion announced = ModelVersion.newBuilder(version).setArtifactChunks(parts.size()).build();
        reloader.onVersion(announced);
        reloader.onChunk(parts.get(2));
        reloader.onChunk(parts.get(0));
        assertNull(slot().production(), "two of three chunks must not load");
        reloader.onChunk(parts.get(1));
        assertEquals(1, slot().production().version());
        assertTrue(refusals.isEmpty());
    }

    @Test
    void refusesCorruptBytesAndKeepsTheOldVersion() {
        publish(1, ModelStage.PRODUCTION, 1);
        byte[] corrupt = bytes(RULES, 2);
        corrupt[corrupt.length / 2] ^= 0x5A;
        ModelVersion v2 = version(RULES, 2, ModelStage.PRODUCTION, corrupt);
        chunks(v2, corrupt, 1000).forEach(reloader::onChunk);
        reloader.onVersion(v2);
        assertEquals(1, slot().production().version());
        assertEquals(1, refusals.size());
        assertEquals(ModelRefusedException.Reason.FORMAT, refusals.getFirst().reason());
        assertEquals(1, refusals.getFirst().serving());
        assertEquals(refusals, reloader.drainRefusals());
        assertTrue(reloader.drainRefusals().isEmpty(), "each refusal is reported once");
    }

    @Test
    void refusesAnArtifactWhoseHashDoesNotMatchTheAnnouncement() {
        publish(1, ModelStage.PRODUCTION, 1);
        byte[] artifact = bytes(RULES, 2);
        ModelVersion v2 = version(RULES, 2, ModelStage.PRODUCTION, artifact, "00".repeat(32));
        chunks(v2, artifact, 1000).forEach(reloader::onChunk);
        reloader.onVersion(v2);
        assertEquals(1, slot().production().version());
        assertEquals(ModelRefusedException.Reason.INTEGRITY, refusals.getFirst().reason());
    }

    @Test
    void refusesAModelOfAnotherAlgorithmThanAnnounced() {
        byte[] forest = bytes(Algorithms.ISOLATION_FOREST, 1);
        ModelVersion v1 = version(RULES, 1, ModelStage.PRODUCTION, forest);
        chunks(v1, forest, 100_000).forEach(reloader::onChunk);
        reloader.onVersion(v1);
        assertNull(slot().production());
        assertEquals(ModelRefusedException.Reason.MISMATCH, refusals.getFirst().reason());
    }

    @Test
    void refusesAModelThatDoesNotFitTheSchemaTheScorerSees() {
        CanarySet canaries = new CanarySet(4);
        canaries.offer(TestModels.DOMAIN, List.of("other", "features"), new double[] {1, 2});
        ModelReloader strict = new ModelReloader(new ServingModels(), canaries, new ModelLoader(clock), ReloadListener.NONE,
                clock, true);
        strict.activate();
        byte[] artifact = bytes(RULES, 1);
        ModelVersion v1 = version(RULES, 1, ModelStage.PRODUCTION, artifact);
        chunks(v1, artifact, 100_000).forEach(strict::onChunk);
        strict.onVersion(v1);
        assertNull(strict.serving().slot(name(RULES)).production());
        assertEquals(ModelRefusedException.Reason.CANARY, strict.drainRefusals().getFirst().reason());
    }

    @Test
    void rollsBackWhenAnOlderVersionIsAnnouncedAsProductionWithoutReloading() {
        ModelVersion v1 = publish(1, ModelStage.PRODUCTION, 1);
        ServingModel first = slot().production();
        reloader.onVersion(ModelRegistryClient.withStage(v1, ModelStage.ARCHIVED, "replaced"));
        ModelVersion v2 = publish(2, ModelStage.PRODUCTION, 2);
        reloader.onVersion(ModelRegistryClient.withStage(v2, ModelStage.ARCHIVED, "rollback"));
        assertEquals(2, slot().production().version(), "archiving alone must not leave the detector dark");
        reloader.onVersion(ModelRegistryClient.withStage(v1, ModelStage.PRODUCTION, "rollback"));
        assertSame(first, slot().production());
    }

    @Test
    void scoresStagingInShadowAndPromotesItWithoutReloading() {
        publish(1, ModelStage.PRODUCTION, 1);
        ModelVersion v2 = publish(2, ModelStage.STAGING, 2);
        ServingModel shadow = slot().shadow();
        assertEquals(2, shadow.version());
        assertEquals(1, slot().production().version());
        reloader.onVersion(ModelRegistryClient.withStage(v2, ModelStage.PRODUCTION, "promoted"));
        assertSame(shadow, slot().production());
        assertNull(slot().shadow());
        assertEquals(List.of("production:v1", "shadow:v2", "production:v2", "shadow-ended:v2"), swaps);
    }

    @Test
    void beforeActivationOnlyCollectsAndThenLoadsJustTheFinalTargets() {
        List<String> seen = new ArrayList<>();
        ModelReloader replaying = new ModelReloader(new ServingModels(), new CanarySet(4), new ModelLoader(clock),
                new ReloadListener() {
                    @Override
                    public void swapped(ModelSlot slot, ModelSlot.Stage stage, ServingModel previous, ServingModel next) {
                        seen.add(stage.tag() + ":v" + next.version());
                    }

                    @Override
                    public void shadowEnded(ModelSlot slot, ServingModel previous) {
                    }

                    @Override
                    public void refused(Refusal refusal) {
                        seen.add("refused:v" + refusal.version());
                    }
                }, clock, true);
        byte[] corrupt = bytes(RULES, 3);
        corrupt[5] ^= 1;
        for (int v = 1; v <= 3; v++) {
            byte[] artifact = v == 3 ? corrupt : bytes(RULES, v);
            ModelVersion version = version(RULES, v, ModelStage.PRODUCTION, artifact);
            chunks(version, artifact, 1000).forEach(replaying::onChunk);
            replaying.onVersion(version);
        }
        replaying.onVersion(ModelRegistryClient.withStage(version(RULES, 3, ModelStage.PRODUCTION, corrupt),
                ModelStage.ARCHIVED, "rolled back"));
        assertTrue(seen.isEmpty());
        replaying.activate();
        assertEquals(List.of("production:v2"), seen, "only the final production version loads; old v3 is not refused again");
    }

    /** Before activation nothing loads, so a restart finds the refused version again and falls back as the rule says. */
    @Test
    void afterARestartARefusedProductionVersionFallsBackToTheVersionItReplaced() {
        ModelReloader restarted = new ModelReloader(new ServingModels(), new CanarySet(4), new ModelLoader(clock),
                ReloadListener.NONE, clock, true);
        ModelVersion v1 = version(RULES, 1, ModelStage.PRODUCTION, bytes(RULES, 1));
        chunks(v1, bytes(RULES, 1), 1000).forEach(restarted::onChunk);
        restarted.onVersion(v1);
        byte[] corrupt = bytes(RULES, 2);
        corrupt[7] ^= 1;
        ModelVersion v2 = version(RULES, 2, ModelStage.PRODUCTION, corrupt);
        chunks(v2, corrupt, 1000).forEach(restarted::onChunk);
        restarted.onVersion(ModelRegistryClient.withStage(v1, ModelStage.ARCHIVED, "replaced by version 2"));
        restarted.onVersion(v2);

        restarted.activate();
        assertEquals(1, restarted.serving().slot(name(RULES)).production().version());
        assertEquals(2, restarted.drainRefusals().getFirst().version());
        assertEquals(1, restarted.catalog().serving(name(RULES)).orElseThrow().getVersion());
    }

    @Test
    void aRefusedStagingVersionEndsTheShadowOfTheVersionItReplaced() {
        publish(1, ModelStage.PRODUCTION, 1);
        ModelVersion v2 = publish(2, ModelStage.STAGING, 2);
        assertEquals(2, slot().shadow().version());
        reloader.onVersion(ModelRegistryClient.withStage(v2, ModelStage.ARCHIVED, "replaced"));
        byte[] corrupt = bytes(RULES, 3);
        corrupt[7] ^= 1;
        ModelVersion v3 = version(RULES, 3, ModelStage.STAGING, corrupt);
        chunks(v3, corrupt, 1000).forEach(reloader::onChunk);
        reloader.onVersion(v3);
        assertNull(slot().shadow(), "v2 is no longer staging and v3 was refused: nothing to shadow");
        assertEquals(3, refusals.getFirst().version());
    }

    @Test
    void aDeletedProductionVersionGivesWayToTheVersionStillInProduction() {
        publish(1, ModelStage.PRODUCTION, 1);
        publish(2, ModelStage.PRODUCTION, 2);
        reloader.onVersionDeleted(name(RULES), 2);
        assertEquals(1, slot().production().version());
        reloader.onVersionDeleted(name(RULES), 1);
        assertEquals(1, slot().production().version(), "with no version left, the loaded one keeps serving");
    }

    @Test
    void refusesAVersionWhoseChunksNeverArrive() {
        publish(1, ModelStage.PRODUCTION, 1);
        byte[] artifact = bytes(RULES, 2);
        ModelVersion v2 = version(RULES, 2, ModelStage.PRODUCTION, artifact);
        List<ModelArtifact> halves = chunks(v2, artifact, artifact.length / 2 + 1);
        reloader.onVersion(ModelVersion.newBuilder(v2).setArtifactChunks(halves.size()).build());
        reloader.onChunk(halves.getFirst());
        reloader.expireWaiting(Duration.ofSeconds(30));
        assertTrue(refusals.isEmpty(), "not yet expired");
        clock.advance(Duration.ofSeconds(31));
        reloader.expireWaiting(Duration.ofSeconds(30));
        assertEquals(1, slot().production().version());
        assertEquals(ModelRefusedException.Reason.INTEGRITY, refusals.getFirst().reason());
    }

    @Test
    void canaryRowsComeFromRecentVectorsOfTheDomainElseFromTheBaseline() {
        CanarySet canaries = new CanarySet(2);
        ModelVersion version = version(RULES, 1, ModelStage.PRODUCTION, new byte[] {1});
        assertEquals("zeros", canaries.rowsFor(TestModels.DOMAIN, version).source());
        for (int i = 0; i < 3; i++) {
            double[] row = new double[TestModels.DIMENSION];
            Arrays.fill(row, i);
            canaries.offer(TestModels.DOMAIN, TestModels.FEATURES, row);
        }
        CanarySet.Rows rows = canaries.rowsFor(TestModels.DOMAIN, version);
        assertEquals(2, rows.rows().length, "bounded to capacity");
        assertEquals(2.0, rows.rows()[1][0]);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
