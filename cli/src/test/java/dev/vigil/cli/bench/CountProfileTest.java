package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.models.TrainingSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountProfileTest {
    private static final long MONDAY_9 = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long WEEK = 7 * 24 * HOUR;

    @Test
    void meanCountPerEntityAndHourOfWeekWithoutReadingLabels() {
        // Two Mondays 09:xx of a busy and a quiet service, and one Monday 10:00 window of the busy one.
        double[][] rows = {{100, 1}, {10, 2}, {140, 3}, {14, 4}, {50, 5}};
        String[] entities = {"busy", "quiet", "busy", "quiet", "busy"};
        long[] times = {MONDAY_9, MONDAY_9 + 60_000, MONDAY_9 + WEEK + 120_000, MONDAY_9 + WEEK, MONDAY_9 + HOUR};
        TrainingSet train = new TrainingSet(rows, List.of("event_count", "other"), null, entities, times);

        CountProfile profile = CountProfile.fit(train, "event_count");

        assertEquals(120, profile.expected("busy", MONDAY_9 + 2 * WEEK + 30 * 60_000), 1e-12);
        assertEquals(12, profile.expected("quiet", MONDAY_9 + 3 * WEEK), 1e-12);
        assertEquals(50, profile.expected("busy", MONDAY_9 + HOUR + WEEK), 1e-12);
        // An hour of the week never seen falls back to the mean over all training windows.
        assertEquals(314.0 / 5, profile.expected("quiet", MONDAY_9 + 5 * HOUR), 1e-12);

        // The same count of 12 is normal for the quiet service and a deep drop for the busy one.
        TrainingSet later = new TrainingSet(new double[][] {{12, 0}, {12, 0}}, List.of("event_count", "other"), null,
                new String[] {"quiet", "busy"}, new long[] {MONDAY_9 + 2 * WEEK, MONDAY_9 + 2 * WEEK});
        TrainingSet extended = profile.extend(later);
        assertEquals(List.of("event_count", "other", CountProfile.FEATURE), extended.featureNames());
        assertEquals(1.0, extended.features()[0][2], 1e-12);
        assertEquals(0.1, extended.features()[1][2], 1e-12);
    }

    @Test
    void needsTheCountFeatureEntitiesAndTimes() {
        TrainingSet noEntities = TrainingSet.of(new double[][] {{1}}, List.of("event_count"));
        assertThrows(IllegalArgumentException.class, () -> CountProfile.fit(noEntities, "event_count"));
    }
}
