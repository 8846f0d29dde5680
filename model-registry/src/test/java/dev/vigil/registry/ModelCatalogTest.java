package dev.vigil.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    static final String MODEL = "bgp-peer.isolation-forest";

    static ModelVersion version(int v, ModelStage stage, Instant at) {
        return ModelVersion.newBuilder().setName(MODEL).setVersion(v).setDomain("bgp-peer").setAlgorithm("isolation-forest")
                .setStage(stage).setTrainingData(new TrainingData("features.bgp", at, at, java.util.Map.of(), java.util.Map.of(), 10L, 0L))
                .setThreshold(0.6).setFeatureNames(List.of("a")).setArtifactSha256("00").setArtifactSize(1)
                .setStageHistory(List.of(new StageChange(stage, at, "test"))).setCreatedAt(at).build();
    }

    @Test
    void latestProductionAnnouncementWinsAndRollbackRestoresOlderVersion() {
        ModelCatalog catalog = new ModelCatalog();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        catalog.apply(version(1, ModelStage.PRODUCTION, t0));
        catalog.apply(version(2, ModelStage.STAGING, t0.plusSeconds(10)));
        assertEquals(1, catalog.production(MODEL).orElseThrow().getVersion());
        assertEquals(2, catalog.staging(MODEL).orElseThrow().getVersion());

        ModelVersion v2 = ModelRegistryClient.withStage(catalog.version(MODEL, 2).orElseThrow(), ModelStage.PRODUCTION, "promoted");
        catalog.apply(v2);
        assertEquals(2, catalog.production(MODEL).orElseThrow().getVersion());
        assertTrue(catalog.staging(MODEL).isEmpty(), "a promoted staging version is no longer in shadow");

        ModelVersion v1 = ModelRegistryClient.withStage(catalog.version(MODEL, 1).orElseThrow(), ModelStage.PRODUCTION, "rollback");
        catalog.apply(v1);
        assertEquals(1, catalog.production(MODEL).orElseThrow().getVersion());
        assertEquals(2, catalog.latestVersionNumber(MODEL));
    }

    @Test
    void archivingTheProductionVersionFallsBackToTheOneBeforeIt() {
        ModelCatalog catalog = new ModelCatalog();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        catalog.apply(version(1, ModelStage.PRODUCTION, t0));
        catalog.apply(version(2, ModelStage.PRODUCTION, t0.plusSeconds(5)));
        catalog.apply(ModelRegistryClient.withStage(catalog.version(MODEL, 2).orElseThrow(), ModelStage.ARCHIVED, "bad"));
        assertEquals(1, catalog.production(MODEL).orElseThrow().getVersion());
    }

    @Test
    void aRefusedProductionVersionIsAnnouncedButTheVersionBeforeItServes() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ModelCatalog catalog = ModelCatalog.of(List.of(version(1, ModelStage.PRODUCTION, t0),
                        version(2, ModelStage.PRODUCTION, t0.plusSeconds(5))),
                List.of(RefusalReport.of(RefusalReport.letter("detectors", "model.versions", MODEL, 2, "signature",
                        "unsigned")).orElseThrow()));
        assertEquals(2, catalog.production(MODEL).orElseThrow().getVersion());
        assertEquals(1, catalog.serving(MODEL).orElseThrow().getVersion());
        assertTrue(catalog.refusal(MODEL, 2).orElseThrow().startsWith("unsigned (detectors, "));
    }

    @Test
    void aDeletedVersionLeavesTheCatalogButItsNumberIsNotReused() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        ModelCatalog catalog = new ModelCatalog();
        catalog.apply(version(1, ModelStage.PRODUCTION, t0));
        catalog.apply(version(2, ModelStage.PRODUCTION, t0.plusSeconds(5)));
        catalog.deleted(MODEL, 2);
        assertEquals(1, catalog.serving(MODEL).orElseThrow().getVersion());
        assertEquals(List.of(1), catalog.versions(MODEL).stream().map(ModelVersion::getVersion).toList());
        assertEquals(2, catalog.latestVersionNumber(MODEL));
    }

    @Test
    void productionAtAnswersFromStageHistory() {
        ModelCatalog catalog = new ModelCatalog();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        catalog.apply(version(1, ModelStage.PRODUCTION, t0));
        ModelVersion v2 = version(2, ModelStage.PRODUCTION, t0.plusSeconds(100));
        catalog.apply(v2);
        List<StageChange> archived = new ArrayList<>(catalog.version(MODEL, 1).orElseThrow().getStageHistory());
        archived.add(new StageChange(ModelStage.ARCHIVED, t0.plusSeconds(100), "replaced"));
        catalog.apply(ModelVersion.newBuilder(catalog.version(MODEL, 1).orElseThrow()).setStage(ModelStage.ARCHIVED)
                .setStageHistory(archived).build());
        assertEquals(1, catalog.productionAt(MODEL, t0.plusSeconds(50)).orElseThrow());
        assertEquals(2, catalog.productionAt(MODEL, t0.plusSeconds(150)).orElseThrow());
        assertTrue(catalog.productionAt(MODEL, t0.minusSeconds(1)).isEmpty());
    }

    @Test
    void chunksJoinBackAndTamperingIsRefused() {
        byte[] artifact = new byte[1_300_000];
        new Random(7).nextBytes(artifact);
        List<ModelArtifact> chunks = new ArrayList<>(ArtifactChunks.split(MODEL, 3, artifact, ArtifactChunks.DEFAULT_CHUNK_BYTES));
        assertEquals(3, chunks.size());
        String sha = chunks.getFirst().getSha256();
        java.util.Collections.reverse(chunks);
        assertArrayEquals(artifact, ArtifactChunks.join(chunks, sha));

        ModelArtifact tampered = ModelArtifact.newBuilder(chunks.get(1)).setData(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();
        chunks.set(1, tampered);
        var error = assertThrows(ArtifactIntegrityException.class, () -> ArtifactChunks.join(chunks, sha));
        assertTrue(error.getMessage().contains("SHA-256 mismatch"));
        assertThrows(ArtifactIntegrityException.class, () -> ArtifactChunks.join(chunks.subList(0, 2), sha));
    }
}
