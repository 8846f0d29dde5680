package dev.vigil.ensemble.fusion;

import static dev.vigil.ensemble.Fixtures.end;
import static dev.vigil.ensemble.Fixtures.reading;
import static dev.vigil.ensemble.Fixtures.start;
import static dev.vigil.ensemble.Fixtures.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelStage;
import dev.vigil.ensemble.model.ActiveModels;
import dev.vigil.ensemble.model.Clocks;
import dev.vigil.ensemble.model.ExpectedDetectors;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.ensemble.state.Journal;
import dev.vigil.ensemble.testing.MapBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WindowAssemblerTest {
    private static final String D = "telemetry-service";
    private static final String E = "service:checkout";
    private final ActiveModels models = new ActiveModels();
    private final ExpectedDetectors expected = new ExpectedDetectors(models,
            Map.of(D, Set.of("isolation-forest", "forecaster", "rules")));

    private WindowAssembler assembler(Clocks clocks) {
        return new WindowAssembler(new Journal(new MapBackend()), expected, Duration.ofSeconds(30), Duration.ofMinutes(10), clocks);
    }

    @Test
    void releasesAWindowTheMomentEveryConfiguredDetectorHasReported() {
        WindowAssembler a = assembler(Clocks.BOTH);
        assertEquals(WindowAssembler.Kind.PENDING, a.add(E, D, start(0), end(0), reading(D, "isolation-forest", 0.9), 0).kind());
        assertEquals(WindowAssembler.Kind.PENDING, a.add(E, D, start(0), end(0), reading(D, "rules", 0.2), 0).kind());
        var result = a.add(E, D, start(0), end(0), reading(D, "forecaster", 0.6), 0);
        assertEquals(WindowAssembler.Kind.COMPLETE, result.kind());
        WindowScores released = result.released().getFirst();
        assertEquals(List.of("forecaster", "isolation-forest", "rules"), released.champion().stream().map(r -> r.detector()).toList());
        assertTrue(released.missing().isEmpty());
        assertEquals(0, a.pending());
    }

    @Test
    void onEventTimeAWindowIsReleasedWithItsMissingDetectorsOnceTheClockPassesItsEndPlusTheWait() {
        WindowAssembler a = assembler(Clocks.EVENT);
        a.add(E, D, start(0), end(0), reading(D, "isolation-forest", 0.9), 0);
        // Another entity's window ending 20 s later: not yet past end + 30 s.
        assertTrue(a.add("service:cart", D, start(0) + 20_000, end(0) + 20_000, reading(D, "rules", 0.1), 0).released().isEmpty());
        var result = a.add("service:cart", D, start(1), end(1), reading(D, "rules", 0.1), 0);
        // Both windows ending at least 30 s before the new clock are released; the new one waits.
        assertEquals(Set.of(E, "service:cart"), result.released().stream().map(WindowScores::entity).collect(Collectors.toSet()));
        WindowScores released = result.released().stream().filter(w -> w.entity().equals(E)).findFirst().orElseThrow();
        assertEquals(start(0), released.windowStart());
        assertEquals(List.of("forecaster", "rules"), released.missing());
        assertEquals(1, a.pending());
    }

    @Test
    void onWallClockTimeAWindowIsReleasedByTheTickAfterTheWaitEvenWithoutFurtherInput() {
        WindowAssembler a = assembler(Clocks.WALL);
        a.add(E, D, start(0), end(0), reading(D, "isolation-forest", 0.9), 1_000);
        assertTrue(a.expire(30_999).isEmpty());
        assertEquals(List.of("forecaster", "rules"), a.expire(31_000).getFirst().missing());
        assertTrue(a.expire(90_000).isEmpty(), "released once");
    }

    @Test
    void aReadingForAReleasedWindowIsLateAndAnUnscoredRecordOnlyMovesTheClock() {
        WindowAssembler a = assembler(Clocks.EVENT);
        a.add(E, D, start(0), end(0), reading(D, "isolation-forest", 0.9), 0);
        assertEquals(WindowAssembler.Kind.UNSCORED, a.add("service:other", D, start(2), end(2), null, 0).kind());
        assertEquals(WindowAssembler.Kind.LATE, a.add(E, D, start(0), end(0), reading(D, "rules", 0.9), 0).kind());
        assertEquals(0, a.pending());
    }

    @Test
    void theRegistrysProductionAndStagingModelsOverrideTheConfiguredList() {
        models.announced(version(D, "isolation-forest", 1, ModelStage.PRODUCTION));
        models.announced(version(D, "isolation-forest", 2, ModelStage.STAGING));
        WindowAssembler a = assembler(Clocks.EVENT);
        assertEquals(WindowAssembler.Kind.PENDING, a.add(E, D, start(0), end(0), reading(D, "isolation-forest", 0.9), 0).kind());
        var result = a.add(E, D, start(0), end(0), reading(D, "isolation-forest", 2, 0.2, true), 0);
        assertEquals(WindowAssembler.Kind.COMPLETE, result.kind(), "production reading and the challenger's shadow reading");
        assertEquals(1, result.released().getFirst().challenger().size());
    }
}
