package dev.vigil.ensemble.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.kit.state.StateJson;
import dev.vigil.avro.AlertStatus;
import dev.vigil.ensemble.Fixtures;
import dev.vigil.ensemble.fusion.Fused;
import dev.vigil.ensemble.fusion.WindowGroup;
import dev.vigil.ensemble.incident.Incident;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.ensemble.testing.MapBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {
    private final Journal journal = new Journal(new MapBackend());

    @Test
    void recordsSurviveTheJsonRoundTripIncludingNestedRecordsEnumsAndNulls() {
        WindowScores scores = Fixtures.window("service:checkout", "telemetry-service", 3, 0.9, 0.4);
        Fused fused = new Fused(scores, 0.65, true, "weighted-mean", null, null, null);
        Incident incident = new Incident("service:checkout", "id-1", "telemetry-service", "service:checkout", AlertStatus.UPDATED,
                scores.windowStart(), scores.windowEnd(), 2, 0.8, fused, List.of("service:checkout"), false,
                scores.champion().getFirst().topFeatures(), 123L);
        journal.put("i|x", incident);
        assertEquals(incident, journal.get("i|x", Incident.class));

        WindowGroup group = WindowGroup.start("e", "d", 1, 2, 3).with(scores.champion().getFirst()).with(
                Fixtures.reading("d", "rules", 2, 0.7, true));
        journal.put("g|e", group);
        assertEquals(group, journal.get("g|e", WindowGroup.class));
        assertNull(journal.get("missing", Incident.class));
    }

    @Test
    void scansAreInKeyOrderWithinThePrefixAndDeleteWhileStopsAtTheFirstCurrentEntry() {
        for (long t : new long[] {30, 10, 20, 40}) {
            journal.put("w|d|" + Journal.time(t), t);
        }
        journal.put("w|e|" + Journal.time(5), 5L);
        journal.put("x|d|" + Journal.time(1), 1L);
        List<Long> seen = new ArrayList<>();
        journal.scan("w|d|", Long.class).forEach(e -> seen.add(e.value()));
        assertEquals(List.of(10L, 20L, 30L, 40L), seen);

        assertEquals(2, journal.deleteWhile("w|d|", Long.class, t -> t < 25));
        assertEquals(List.of("w|d|" + Journal.time(30), "w|d|" + Journal.time(40)), journal.keys("w|d|"));
        assertEquals(1, journal.keys("w|e|").size(), "other prefixes untouched");
    }

    @Test
    void aReadingStoredBeforeReadingsKnewOfSettlingReadsAsNotSettling() {
        String stored = "{\"detector\":\"adaptive\",\"modelName\":\"d.adaptive\",\"modelVersion\":1,\"score\":0.0,"
                + "\"anomalous\":false,\"shadow\":false,\"topFeatures\":[]}";
        Reading reading = StateJson.read(stored, Reading.class);
        assertEquals(new Reading("adaptive", "d.adaptive", 1, 0.0, false, false, List.of(), false), reading);
        Reading settling = new Reading("adaptive", "d.adaptive", 1, 0.0, false, false, List.of(), true);
        assertEquals(settling, StateJson.read(StateJson.write(settling), Reading.class));
    }

    @Test
    void aWindowJournalledBeforeWeightsWereKeptReadsWithNoWeightsAndOneWithThemKeepsThem() {
        WindowScores scores = Fixtures.window("service:checkout", "telemetry-service", 3, 0.9, 0.4);
        Fused weighted = new Fused(scores, 0.65, true, "weighted-mean", null, null, null, java.util.Map.of("rules", 0.5));
        assertEquals(weighted, StateJson.read(StateJson.write(weighted), Fused.class));

        String older = StateJson.write(new Fused(scores, 0.65, true, "weighted-mean", null, null, null))
                .replace(",\"weights\":{}", "");
        assertEquals(false, older.contains("weights"), older);
        assertEquals(java.util.Map.of(), StateJson.read(older, Fused.class).weights());
    }
}
