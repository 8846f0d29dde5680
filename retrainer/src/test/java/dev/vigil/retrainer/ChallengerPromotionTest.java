package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.retrainer.testing.InMemoryRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ensemble's promotion request moves the challenger to production; the retrainer trains nothing. */
class ChallengerPromotionTest {
    final Instant t0 = Instant.parse("2026-03-01T00:00:00Z");

    static MergedRequest promotion(int version) {
        return new MergedRequest(List.of("promote:bgp-peer.rules:v" + version), "bgp-peer.rules", "bgp-peer",
                List.of("promote-challenger", "challenger accuracy 0.93 vs 0.81, p=0.004"),
                Map.of("ab.challenger.version", (double) version, "ab.champion.version", 1.0), List.of("ensemble"), false, Instant.EPOCH, null);
    }

    @Test
    void theWinningChallengerIsPromotedAndTheChampionArchived() {
        InMemoryRegistry registry = new InMemoryRegistry();
        registry.publish(CooldownTest.createdAt(1, t0), new byte[] {1});
        ModelVersion staging = ModelVersion.newBuilder(CooldownTest.createdAt(2, t0.plusSeconds(60))).setStage(ModelStage.STAGING).build();
        registry.publish(staging, new byte[] {2});

        assertTrue(ChallengerPromotion.isPromotion(promotion(2)));
        Outcome outcome = ChallengerPromotion.apply(promotion(2), registry.catalog(), registry);
        assertEquals(Outcome.Status.PROMOTED, outcome.status());
        assertEquals(2, registry.catalog().production("bgp-peer.rules").orElseThrow().getVersion());
        assertEquals(ModelStage.ARCHIVED, registry.catalog().version("bgp-peer.rules", 1).orElseThrow().getStage());

        Outcome again = ChallengerPromotion.apply(promotion(2), registry.catalog(), registry);
        assertEquals(Outcome.Status.ALREADY_DONE, again.status());
    }

    @Test
    void anUnknownVersionFailsAndADriftRequestIsNoPromotion() {
        InMemoryRegistry registry = new InMemoryRegistry();
        registry.publish(CooldownTest.createdAt(1, t0), new byte[] {1});
        assertEquals(Outcome.Status.FAILED, ChallengerPromotion.apply(promotion(7), registry.catalog(), registry).status());
        MergedRequest drift = new MergedRequest(List.of("d1"), "bgp-peer.rules", "bgp-peer", List.of("drift confirmed"),
                Map.of("ks.announcements", 0.4), List.of("drift-monitor"), false, Instant.EPOCH, null);
        assertFalse(ChallengerPromotion.isPromotion(drift));
    }
}
