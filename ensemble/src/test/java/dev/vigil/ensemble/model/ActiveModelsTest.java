package dev.vigil.ensemble.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.avro.ModelStage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActiveModelsTest {
    private static final String D = "bgp-peer";

    private static ActiveModels.Announcement a(String detector, int version, ModelStage stage, long since) {
        return new ActiveModels.Announcement(D + "." + detector, version, D, detector, stage, since);
    }

    @Test
    void theLatestProductionRecordWinsSoAnOlderVersionAnnouncedAgainIsARollback() {
        ActiveModels models = new ActiveModels();
        models.observe(a("isolation-forest", 1, ModelStage.PRODUCTION, 100));
        models.observe(a("isolation-forest", 2, ModelStage.PRODUCTION, 200));
        assertEquals(2, models.production(D + ".isolation-forest").orElseThrow().version());
        models.observe(a("isolation-forest", 1, ModelStage.PRODUCTION, 300));
        assertEquals(1, models.production(D + ".isolation-forest").orElseThrow().version());
    }

    @Test
    void aModelWithNoVersionLeftInProductionIsNoLongerActiveAndStagingVersionsAreChallengers() {
        ActiveModels models = new ActiveModels();
        models.observe(a("isolation-forest", 1, ModelStage.PRODUCTION, 100));
        models.observe(a("rules", 1, ModelStage.PRODUCTION, 100));
        models.observe(a("rules", 2, ModelStage.STAGING, 150));
        assertEquals(new Expected(Set.of("isolation-forest", "rules"), Set.of("rules")), models.forDomain(D));
        models.observe(a("isolation-forest", 1, ModelStage.ARCHIVED, 100));
        assertEquals(Set.of("rules"), models.forDomain(D).champions());
        models.forget(D + ".rules", 1);
        assertFalse(models.forDomain(D).known());
    }

    @Test
    void theViewDoesNotDependOnTheOrderRecordsAreRead() {
        List<ActiveModels.Announcement> records = new ArrayList<>(List.of(a("isolation-forest", 1, ModelStage.PRODUCTION, 100),
                a("isolation-forest", 2, ModelStage.PRODUCTION, 400), a("isolation-forest", 3, ModelStage.STAGING, 500),
                a("forecaster", 4, ModelStage.PRODUCTION, 300), a("forecaster", 5, ModelStage.PRODUCTION, 200)));
        ActiveModels reference = new ActiveModels();
        records.forEach(reference::observe);
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(records, random);
            ActiveModels shuffled = new ActiveModels();
            records.forEach(shuffled::observe);
            assertEquals(reference.forDomain(D), shuffled.forDomain(D));
            assertEquals(4, shuffled.production(D + ".forecaster").orElseThrow().version());
        }
    }
}
