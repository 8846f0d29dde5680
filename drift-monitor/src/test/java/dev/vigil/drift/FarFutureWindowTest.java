package dev.vigil.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.FeatureVector;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One vector dated far in the future (valid Avro, record timestamp to match) is dead-lettered with the
 * reason and moves no clock: the normal vectors after it are not counted late. It used to make every
 * later vector of its domain late and dropped, silently.
 */
class FarFutureWindowTest {
    @TempDir
    Path stateDir;

    @Test
    void aFarFutureVectorIsDeadLetteredAndLaterVectorsAreNotLate() {
        Fixtures data = new Fixtures(7);
        Clock clock = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
        try (TopologyHarness app = TopologyHarness.forApp(DriftMonitorApp.NAME).setting("vigil.drift.partitions", "1")
                .stateDir(stateDir).start(ctx -> new DriftMonitorApp(clock).topology(ctx))) {
            AppContext ctx = app.context();
            var features = app.input(ctx.topic(Topics.FEATURES_TELEMETRY), FeatureVector.class);
            List<FeatureVector> first = data.hour(0, 50, 0);
            first.forEach(v -> features.pipeInput(v.getEntity(), v, v.getWindowEnd()));
            Instant future = Instant.now().plus(Duration.ofDays(400));
            FeatureVector rogue = FeatureVector.newBuilder(first.getFirst()).setWindowStart(future)
                    .setWindowEnd(future.plusSeconds(60)).build();
            features.pipeInput(rogue.getEntity(), rogue, rogue.getWindowEnd());
            data.hour(1, 50, 0).forEach(v -> features.pipeInput(v.getEntity(), v, v.getWindowEnd()));

            var late = ctx.metrics().find("vigil." + DriftMonitorApp.NAME + ".late.records").counter();
            assertEquals(0.0, late == null ? 0.0 : late.count(), "no normal vector is late after the rogue one");
            List<DeadLetter> letters = app.deadLetters(ctx.topic(Topics.FEATURES_TELEMETRY)).readValuesToList();
            assertEquals(1, letters.size());
            assertEquals(50, letters.getFirst().getOffset());
            assertTrue(letters.getFirst().getReason().contains("vigil.input.max.future"), letters.getFirst().getReason());
        }
    }
}
