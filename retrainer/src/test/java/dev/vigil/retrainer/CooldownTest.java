package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CooldownTest {
    final Cooldown cooldown = new Cooldown(Duration.ofHours(12), Duration.ofDays(7));
    final Instant t0 = Instant.parse("2026-03-01T00:00:00Z");

    static ModelVersion createdAt(int version, Instant at) {
        return ModelVersion.newBuilder().setName("bgp-peer.rules").setVersion(version).setDomain("bgp-peer").setAlgorithm("rules")
                .setStage(ModelStage.PRODUCTION).setTrainingData(new TrainingData("features.bgp", at, at, Map.of(), Map.of(), 1L, 0L))
                .setThreshold(1).setFeatureNames(List.of("a")).setArtifactSha256("00").setArtifactSize(1)
                .setStageHistory(List.of(new StageChange(ModelStage.PRODUCTION, at, ""))).setCreatedAt(at).build();
    }

    @Test
    void aModelIsNotRetrainedWithinTheCooldownUnlessForced() {
        List<ModelVersion> versions = List.of(createdAt(1, t0.minus(Duration.ofDays(3))), createdAt(2, t0));
        assertTrue(cooldown.blocks(versions, false, t0.plus(Duration.ofHours(11))).isPresent());
        assertTrue(cooldown.blocks(versions, false, t0.plus(Duration.ofHours(11))).get().contains("cooldown"));
        assertFalse(cooldown.blocks(versions, true, t0.plus(Duration.ofHours(11))).isPresent());
        assertFalse(cooldown.blocks(versions, false, t0.plus(Duration.ofHours(12))).isPresent());
    }

    @Test
    void aModelWithoutVersionsHasNoCooldownAndNoSchedule() {
        assertFalse(cooldown.blocks(List.of(), false, t0).isPresent());
        assertFalse(cooldown.scheduledRetrainDue(List.of(), t0));
    }

    @Test
    void theMaximumIntervalMakesAScheduledRetrainDue() {
        List<ModelVersion> versions = List.of(createdAt(1, t0));
        assertFalse(cooldown.scheduledRetrainDue(versions, t0.plus(Duration.ofDays(6))));
        assertTrue(cooldown.scheduledRetrainDue(versions, t0.plus(Duration.ofDays(7))));
    }
}
