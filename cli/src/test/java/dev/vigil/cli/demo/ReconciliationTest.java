package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.schemas.Entities;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final String CHECKOUT = Entities.service("checkout");
    private static final String SEARCH = Entities.service("search");

    @Test
    void everyEventCountedOnceBalances() {
        Reconciliation.EventLedger ledger = ledger(CHECKOUT, 0, 10, SEARCH, 0, 4, CHECKOUT, 1, 7);
        Reconciliation.Stage stage = Reconciliation.events(ledger,
                List.of(vector(CHECKOUT, 0, 10), vector(SEARCH, 0, 4), vector(CHECKOUT, 1, 7)), 0, 0, 0);

        assertEquals(21, stage.in());
        assertEquals(21, stage.out());
        assertTrue(stage.balanced());
    }

    @Test
    void aSurplusInOneWindowDoesNotHideAShortfallInAnother() {
        // 3 events too many in window 0 and 3 too few in window 1: the totals match, the windows do not.
        Reconciliation.EventLedger ledger = ledger(CHECKOUT, 0, 10, CHECKOUT, 1, 10);
        Reconciliation.Stage stage = Reconciliation.events(ledger, List.of(vector(CHECKOUT, 0, 13), vector(CHECKOUT, 1, 7)), 0, 0, 0);

        assertEquals(stage.in(), stage.out());
        assertEquals(3, stage.missing());
        assertEquals(3, stage.duplicated());
        assertFalse(stage.balanced());
    }

    @Test
    void lateRecordsAndDeadLettersAccountForAShortfall() {
        Reconciliation.EventLedger ledger = ledger(CHECKOUT, 0, 10);
        Reconciliation.Stage stage = Reconciliation.events(ledger, List.of(vector(CHECKOUT, 0, 6)), 3, 1, 0);

        assertEquals(0, stage.missing());
        assertTrue(stage.balanced());
    }

    @Test
    void moreSetAsideThanMissingShowsAsNegativeNotZero() {
        Reconciliation.EventLedger ledger = ledger(CHECKOUT, 0, 10);
        Reconciliation.Stage stage = Reconciliation.events(ledger, List.of(vector(CHECKOUT, 0, 10)), 2, 0, 0);

        assertEquals(-2, stage.missing());
        assertFalse(stage.balanced());
    }

    @Test
    void vectorsOfEntitiesTheFeedNeverNamedAreNotCounted() {
        Reconciliation.EventLedger ledger = ledger(CHECKOUT, 0, 10);
        Reconciliation.Stage stage = Reconciliation.events(ledger,
                List.of(vector(CHECKOUT, 0, 10), vector(Entities.origin(3356), 0, 10)), 0, 0, 0);

        assertEquals(10, stage.out());
        assertTrue(stage.balanced());
    }

    @Test
    void scoringFindsUnscoredVectorsAndScoresWrittenTwice() {
        List<FeatureVector> vectors = List.of(vector(CHECKOUT, 0, 1), vector(CHECKOUT, 1, 1), vector(CHECKOUT, 2, 1));
        List<DetectorScore> scores = new ArrayList<>(List.of(score(0, "rules", false), score(0, "forecaster", false),
                score(1, "rules", false), score(1, "rules", false), score(2, "rules", true)));

        Reconciliation.Stage stage = Reconciliation.scoring(vectors, scores, 0, 0);

        // window 2 has only a shadow score: production never saw it.
        assertEquals(2, stage.out());
        assertEquals(1, stage.missing());
        assertEquals(1, stage.duplicated());
    }

    @Test
    void aVectorWrittenTwiceIsADuplicate() {
        List<FeatureVector> vectors = List.of(vector(CHECKOUT, 0, 1), vector(CHECKOUT, 0, 1));
        Reconciliation.Stage stage = Reconciliation.scoring(vectors, List.of(score(0, "rules", false)), 0, 0);

        assertEquals(0, stage.missing());
        assertEquals(1, stage.duplicated());
    }

    private static Reconciliation.EventLedger ledger(Object... entityWindowCount) {
        Reconciliation.EventLedger ledger = new Reconciliation.EventLedger();
        for (int i = 0; i < entityWindowCount.length; i += 3) {
            Instant start = T0.plus(WINDOW.multipliedBy((Integer) entityWindowCount[i + 1]));
            for (int n = 0; n < (Integer) entityWindowCount[i + 2]; n++) {
                // events spread inside the window: all must land in the same key
                ledger.add((String) entityWindowCount[i], start.plusSeconds(n * 7L % 300), WINDOW);
            }
        }
        return ledger;
    }

    private static FeatureVector vector(String entity, int window, long events) {
        Instant start = T0.plus(WINDOW.multipliedBy(window));
        return FeatureVector.newBuilder().setEntity(entity).setDomain(Entities.domainOf(entity)).setWindowStart(start)
                .setWindowEnd(start.plus(WINDOW)).setFeatureNames(List.of("event_count")).setValues(List.of((double) events))
                .setEventCount(events).build();
    }

    private static DetectorScore score(int window, String detector, boolean shadow) {
        Instant start = T0.plus(WINDOW.multipliedBy(window));
        return DetectorScore.newBuilder().setEntity(CHECKOUT).setDomain(Entities.TELEMETRY_SERVICE).setWindowStart(start)
                .setWindowEnd(start.plus(WINDOW)).setDetector(detector).setModelName("telemetry-service." + detector)
                .setModelVersion(1).setStatus(ScoreStatus.SCORED).setRawScore(0.1).setScore(0.1).setThreshold(0.5)
                .setAnomalous(false).setShadow(shadow).setScoredAt(start).build();
    }
}
