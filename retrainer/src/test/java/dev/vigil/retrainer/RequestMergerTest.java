package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.RetrainRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestMergerTest {
    static final String MODEL = "bgp-peer.isolation-forest";

    @Test
    void requestsForTheSameModelBecomeOneRunThatKeepsEveryIdReasonAndTheWorstDrift() {
        RetrainRequest a = Fixtures.request("a", MODEL, false, Fixtures.NOW.plusSeconds(60));
        RetrainRequest b = RetrainRequest.newBuilder(Fixtures.request("b", MODEL, true, Fixtures.NOW))
                .setDriftFigures(Map.of("ks.announcements", 0.5, "psi.withdrawals", 0.2)).setRequester("alice").build();
        RetrainRequest other = Fixtures.request("c", "bgp-peer.rules", false, Fixtures.NOW);

        List<MergedRequest> merged = RequestMerger.merge(List.of(a, other, b));

        assertEquals(2, merged.size());
        MergedRequest first = merged.getFirst();
        assertEquals(MODEL, first.model());
        assertEquals(List.of("a", "b"), first.requestIds());
        assertEquals(List.of("drift a", "drift b"), first.reasons());
        assertEquals(Map.of("ks.announcements", 0.5, "psi.withdrawals", 0.2), first.driftFigures());
        assertEquals(List.of("drift-monitor", "alice"), first.requesters());
        assertTrue(first.force(), "one forced request forces the merged run");
        assertEquals(Fixtures.NOW, first.requestedAt(), "the earliest request time is kept");
        assertEquals("a,b", first.recordedId());
        assertEquals(List.of("c"), merged.get(1).requestIds());
    }

    @Test
    void aRedeliveredRequestIdCountsOnce() {
        RetrainRequest a = Fixtures.request("a", MODEL, false, Fixtures.NOW);
        MergedRequest merged = RequestMerger.merge(List.of(a, a)).getFirst();
        assertEquals(List.of("a"), merged.requestIds());
    }

    @Test
    void aRecordedIdCoversAnyMergedRequestItContains() {
        MergedRequest retry = MergedRequest.of(Fixtures.request("b", MODEL, false, Fixtures.NOW));
        assertTrue(retry.coveredBy("a,b"));
        assertFalse(retry.coveredBy("a,bb"));
        assertFalse(retry.coveredBy(null));
    }

    @Test
    void aMergedGroupStartsAtTheLatestChangeAndARequestWithoutOneDoesNotCancelIt() {
        java.time.Instant early = Fixtures.NOW.minusSeconds(7200);
        java.time.Instant late = Fixtures.NOW.minusSeconds(1800);
        RetrainRequest first = RetrainRequest.newBuilder(Fixtures.request("a", MODEL, false, Fixtures.NOW)).setChangedSince(early).build();
        RetrainRequest second = RetrainRequest.newBuilder(Fixtures.request("b", MODEL, false, Fixtures.NOW)).setChangedSince(late).build();
        RetrainRequest scheduled = RetrainRequest.newBuilder(Fixtures.request("s", MODEL, false, Fixtures.NOW)).setRequester("scheduler").build();

        assertEquals(late, RequestMerger.merge(List.of(first, second, scheduled)).getFirst().changedSince());
        assertEquals(late, RequestMerger.merge(List.of(scheduled, second, first)).getFirst().changedSince(), "in any order");
        assertEquals(early, RequestMerger.merge(List.of(scheduled, first)).getFirst().changedSince());
        assertNull(RequestMerger.merge(List.of(scheduled)).getFirst().changedSince());
    }
}
