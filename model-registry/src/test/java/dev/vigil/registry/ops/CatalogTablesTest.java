package dev.vigil.registry.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelRegistryClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTablesTest {
    static final String MODEL = "bgp-peer.isolation-forest";
    final Instant t0 = Instant.parse("2026-03-01T00:00:00Z");

    ModelVersion version(int v, ModelStage stage, Instant at) {
        return ModelVersion.newBuilder().setName(MODEL).setVersion(v).setDomain("bgp-peer").setAlgorithm("isolation-forest")
                .setStage(stage).setTrainingData(new TrainingData("features.bgp", at, at, Map.of("0", 1L), Map.of("0", 9L), 8L, 2L))
                .setValidation(Map.of("pr_auc", 0.75, "alert_rate", 0.0123)).setThreshold(0.61).setFeatureNames(List.of("a", "b"))
                .setArtifactSha256("ab").setArtifactSize(10).setRequestId("r" + v)
                .setStageHistory(List.of(new StageChange(stage, at, "trained for r" + v))).setCreatedAt(at).build();
    }

    ModelCatalog threeVersions() {
        ModelCatalog catalog = new ModelCatalog();
        ModelVersion v1 = version(1, ModelStage.PRODUCTION, t0);
        catalog.apply(v1);
        ModelVersion v2 = version(2, ModelStage.PRODUCTION, t0.plusSeconds(100));
        catalog.apply(with(v1, ModelStage.ARCHIVED, t0.plusSeconds(100), "replaced by version 2"));
        catalog.apply(v2);
        catalog.apply(version(3, ModelStage.CANDIDATE, t0.plusSeconds(200)));
        return catalog;
    }

    static ModelVersion with(ModelVersion v, ModelStage stage, Instant at, String reason) {
        List<StageChange> history = new java.util.ArrayList<>(v.getStageHistory());
        history.add(new StageChange(stage, at, reason));
        return ModelVersion.newBuilder(v).setStage(stage).setStageHistory(history).build();
    }

    @Test
    void listShowsProductionServingStagingAndTheNewestVersionOfEachModel() {
        String table = CatalogTables.list(threeVersions());
        String[] lines = table.split("\\R");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("MODEL"));
        String[] cells = lines[1].trim().split("\\s{2,}");
        assertEquals(List.of(MODEL, "2", "2", "-", "3", "CANDIDATE", "2026-03-01T00:03:20Z", "0.6100", "0.7500", "0.01230"),
                List.of(cells));
    }

    /** A version the detectors refused is not what serves, whatever its announced stage says. */
    @Test
    void listMarksARefusedProductionVersionAndSaysWhy() {
        ModelCatalog catalog = threeVersions();
        catalog.refused(MODEL, 2, "bgp-peer.isolation-forest v2 refused for production: SHA-256 mismatch; v1 keeps serving");
        String table = CatalogTables.list(catalog);
        String[] cells = table.split("\\R")[1].trim().split("\\s{2,}");
        assertEquals("2 (REFUSED)", cells[1]);
        assertEquals("1", cells[2], "the version it replaced serves");
        assertTrue(table.contains(MODEL + " v2 is announced PRODUCTION but was refused: bgp-peer.isolation-forest v2 refused"
                + " for production: SHA-256 mismatch; v1 keeps serving"), table);
    }

    @Test
    void historyListsEveryStageChangeInTimeOrder() {
        String[] lines = CatalogTables.history(threeVersions(), MODEL).split("\\R");
        assertEquals(5, lines.length);
        assertTrue(lines[1].contains(" 1 ") && lines[1].contains("PRODUCTION"), lines[1]);
        assertTrue(lines[2].contains("ARCHIVED") && lines[2].contains("replaced by version 2"), lines[2]);
        assertTrue(lines[4].contains(" 3 ") && lines[4].contains("CANDIDATE"), lines[4]);
    }

    @Test
    void showPrintsTheTrainingRangeAndValidation() {
        String text = CatalogTables.show(version(1, ModelStage.PRODUCTION, t0));
        assertTrue(text.contains("start {0=1}, end {0=9}"), text);
        assertTrue(text.contains("8 (2 labelled)"), text);
        assertTrue(text.contains("validation pr_auc:"), text);
        assertTrue(text.contains("request:") && text.contains("r1"), text);
    }

    @Test
    void rollbackReturnsToTheVersionTheCurrentOneReplaced() {
        ModelCatalog catalog = threeVersions();
        assertEquals(1, CatalogTables.rollbackTarget(catalog, MODEL).orElseThrow().getVersion());

        catalog.apply(ModelRegistryClient.withStage(catalog.version(MODEL, 2).orElseThrow(), ModelStage.ARCHIVED, "rollback"));
        catalog.apply(ModelRegistryClient.withStage(catalog.version(MODEL, 1).orElseThrow(), ModelStage.PRODUCTION, "rollback"));
        assertEquals(1, catalog.production(MODEL).orElseThrow().getVersion());
        assertEquals(2, CatalogTables.rollbackTarget(catalog, MODEL).orElseThrow().getVersion(),
                "rolling back a rollback restores the version it replaced");
    }

    @Test
    void rollbackSkipsAVersionAServingAppRefused() {
        ModelCatalog catalog = threeVersions();
        catalog.apply(with(catalog.version(MODEL, 2).orElseThrow(), ModelStage.ARCHIVED, t0.plusSeconds(300), "replaced"));
        catalog.apply(with(catalog.version(MODEL, 3).orElseThrow(), ModelStage.PRODUCTION, t0.plusSeconds(300), "promoted"));
        assertEquals(2, CatalogTables.rollbackTarget(catalog, MODEL).orElseThrow().getVersion());
        catalog.refused(MODEL, 2, "signature does not verify");
        assertEquals(1, CatalogTables.rollbackTarget(catalog, MODEL).orElseThrow().getVersion());
    }

    @Test
    void aModelWithOneProductionVersionHasNothingToRollBackTo() {
        ModelCatalog catalog = new ModelCatalog();
        catalog.apply(version(1, ModelStage.PRODUCTION, t0));
        assertTrue(CatalogTables.rollbackTarget(catalog, MODEL).isEmpty());
    }
}
