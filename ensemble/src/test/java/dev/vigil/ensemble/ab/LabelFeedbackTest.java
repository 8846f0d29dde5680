package dev.vigil.ensemble.ab;

import static dev.vigil.ensemble.Fixtures.MINUTE;
import static dev.vigil.ensemble.Fixtures.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.Fixtures;
import dev.vigil.ensemble.fusion.Fused;
import dev.vigil.ensemble.state.Journal;
import dev.vigil.ensemble.testing.MapBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabelFeedbackTest {
    private static final String D = "telemetry-service";
    private final EnsembleMetrics metrics = new EnsembleMetrics(new SimpleMeterRegistry());
    private final Journal journal = new Journal(new MapBackend());
    private final LabelFeedback feedback = new LabelFeedback(journal, Duration.ofHours(2), Duration.ofDays(7), 30, 0.05, metrics);

    private static Fused fused(String entity, int minute, double score) {
        return new Fused(Fixtures.window(entity, D, minute, score), score, score >= 0.5, "weighted-mean", null, null, null);
    }

    @Test
    void anomalousWindowsWaitLongerForTheirLabelsThanNormalOnesAndAreKeptWithoutTheirFeatures() {
        feedback.onWindow(fused("service:alerting", 0, 0.9), 0);
        feedback.onWindow(fused("service:normal", 0, 0.1), 0);
        assertEquals(0, journal.get(journal.keys("v|").getFirst(), LabelFeedback.Slot.class)
                .window().scores().champion().getFirst().topFeatures().size());

        long threeHoursLater = start(0) + 180 * MINUTE;
        feedback.forget(D, threeHoursLater);
        feedback.onLabel(new LabelFeedback.LabelInput("service:normal", D, start(0), false), 0);
        feedback.onLabel(new LabelFeedback.LabelInput("service:alerting", D, start(0), true), 0);
        assertEquals(1, feedback.tallies(D).labelledWindows(), "the normal window was forgotten after 2 h");
        assertEquals(1.0, metrics.counter("vigil.ensemble.labels", "matched", "true"));
        assertEquals(1.0, metrics.counter("vigil.ensemble.labels", "matched", "false"), "the late label now waits instead");

        feedback.forget(D, threeHoursLater + 180 * MINUTE);
        assertEquals(0, journal.keys("w|").size(), "a waiting label is forgotten after the short retention too");
    }
}
