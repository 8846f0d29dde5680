package dev.vigil.ensemble.model;

import static dev.vigil.ensemble.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.registry.ModelRegistryClient;
import dev.vigil.registry.RefusalReport;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActiveModelsTest {
    private static final String D = "bgp-peer";
    private static final String FOREST = D + ".isolation-forest";
    private final ActiveModels models = new ActiveModels();

    private static RefusalReport refusal(String model, int version) {
        return RefusalReport.of(RefusalReport.letter("detectors", "model.versions", model, version, "integrity", "bad"))
                .orElseThrow();
    }

    @Test
    void theLatestProductionAnnouncementServesSoAnOlderVersionAnnouncedAgainIsARollback() {
        ModelVersion v1 = version(D, "isolation-forest", 1, ModelStage.PRODUCTION);
        models.announced(v1);
        models.announced(version(D, "isolation-forest", 2, ModelStage.PRODUCTION));
        assertEquals(Optional.of(2), models.serving(FOREST));
        models.announced(ModelRegistryClient.withStage(v1, ModelStage.PRODUCTION, "rollback"));
        assertEquals(Optional.of(1), models.serving(FOREST), "announcement order decides, not stage-change times");
    }

    @Test
    void aRefusedVersionLeavesTheVersionBeforeItServingAndAModelWithNothingToServeIsNoChampion() {
        models.announced(version(D, "isolation-forest", 1, ModelStage.PRODUCTION));
        models.announced(version(D, "isolation-forest", 2, ModelStage.PRODUCTION));
        models.announced(version(D, "rules", 1, ModelStage.PRODUCTION));
        models.refused(refusal(FOREST, 2));
        assertEquals(Optional.of(1), models.serving(FOREST));
        models.refused(refusal(D + ".rules", 1));
        assertEquals(Set.of("isolation-forest"), models.forDomain(D).champions(), "no rules version serves");
    }

    @Test
    void stagingVersionsAreChallengersUnlessRefusedAndDeletedVersionsNoLongerCount() {
        models.announced(version(D, "isolation-forest", 1, ModelStage.PRODUCTION));
        models.announced(version(D, "rules", 1, ModelStage.PRODUCTION));
        models.announced(version(D, "rules", 2, ModelStage.STAGING));
        assertEquals(new Expected(Set.of("isolation-forest", "rules"), Set.of("rules")), models.forDomain(D));
        models.refused(refusal(D + ".rules", 2));
        assertEquals(Set.of(), models.forDomain(D).challengers());
        models.deleted(FOREST, 1);
        models.deleted(D + ".rules", 1);
        assertFalse(models.forDomain(D).known());
    }

    @Test
    void archivingProductionWithoutASuccessorKeepsTheModelAChampionAsTheDetectorsKeepServingIt() {
        ModelVersion v1 = version(D, "isolation-forest", 1, ModelStage.PRODUCTION);
        models.announced(v1);
        models.announced(ModelRegistryClient.withStage(v1, ModelStage.ARCHIVED, "retired"));
        assertEquals(Set.of("isolation-forest"), models.forDomain(D).champions());
    }
}
