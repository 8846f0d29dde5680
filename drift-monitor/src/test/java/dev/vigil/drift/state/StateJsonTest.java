package dev.vigil.drift.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.kit.state.StateJson;
import dev.vigil.avro.ModelStage;
import dev.vigil.registry.ServingState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StateJsonTest {
    @Test
    void modelStateSurvivesTheStoreWithNulls() {
        ModelState fresh = ModelState.initial("bgp-peer.rules", "bgp-peer");
        assertEquals(fresh, StateJson.read(StateJson.writeBytes(fresh), ModelState.class));
        ModelState busy = new ModelState("bgp-peer.rules", "bgp-peer", 7_200_000L, 3, 4, 0L, true, 7_200_000L);
        assertEquals(busy, StateJson.read(StateJson.writeBytes(busy), ModelState.class));
    }

    @Test
    void domainStateTracksWatermarkFirstWindowAndModels() {
        DomainState d = DomainState.empty().withData(3_600_000, 3_660_000).withData(0, 60_000)
                .withFeatureNames(List.of("a", "b")).withModel("x.rules").withModel("x.rules");
        assertEquals(3_660_000, d.watermark());
        assertEquals(0, d.firstWindowStart());
        assertEquals(new TreeSet<>(Set.of("x.rules")), d.models());
        assertEquals(d, StateJson.read(StateJson.writeBytes(d), DomainState.class));
    }

    @Test
    void windowCountsAddScoresAndLabelsAndTakeBackCorrectedOnes() {
        WindowCounts c = WindowCounts.EMPTY.withScore(true).withScore(false)
                .withLabelled(true, false).withLabelled(false, false);
        assertEquals(new WindowCounts(2, 1, 0, 1, 1, 0), c);
        WindowCounts corrected = c.withoutLabelled(true, false).withLabelled(true, true);
        assertEquals(new WindowCounts(2, 1, 1, 0, 1, 0), corrected);
        assertEquals(2, corrected.labelled());
        assertEquals(new WindowCounts(4, 2, 2, 0, 2, 0), corrected.plus(corrected));
        assertEquals(corrected, StateJson.read(StateJson.writeBytes(corrected), WindowCounts.class));
    }

    @Test
    void servingStateSurvivesTheStore() {
        ServingState state = ServingState.EMPTY.announced(new ServingState.Announcement(1, ModelStage.ARCHIVED, true))
                .announced(new ServingState.Announcement(3, ModelStage.STAGING, false))
                .announced(new ServingState.Announcement(2, ModelStage.PRODUCTION, true)).refused(2);
        assertEquals(state, StoredServing.decode(StoredServing.encode(state)));
        assertEquals(Optional.of(1), StoredServing.decode(StoredServing.encode(state)).serving());
    }

    /** What the monitor stored before the serving rule moved to the registry: versions in production, in order. */
    @Test
    void aProductionOrderStoredByTheEarlierReleaseStillDecodes() {
        ServingState legacy = StoredServing.decode("[3,1]".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(1), legacy.serving());
        assertEquals(Optional.of(3), legacy.deleted(1).serving());
        assertEquals(ServingState.EMPTY, StoredServing.decode("[]".getBytes(StandardCharsets.UTF_8)));
    }
}
