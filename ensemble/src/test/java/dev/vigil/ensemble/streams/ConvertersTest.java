package dev.vigil.ensemble.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.ensemble.model.Reading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readings from score records: which windows a detector stands out on. */
class ConvertersTest {
    private static final Instant START = Instant.parse("2026-12-05T03:00:00Z");

    private static DetectorScore score(String detector, ScoreStatus status, double raw, double threshold, boolean anomalous) {
        return new DetectorScore("service:cart", "telemetry-service", START, START.plusSeconds(300), detector,
                "telemetry-service." + detector, 1, status, raw, anomalous ? 0.9 : 0.0, threshold, anomalous, List.of(),
                false, 12L, START.plusSeconds(301));
    }

    @Test
    void anAdaptiveWindowOverItsThresholdButNotFlaggedIsSettlingAndStandsOut() {
        Reading settling = Converters.reading(score("adaptive", ScoreStatus.SCORED, 0.8, 0.21, false));
        assertTrue(settling.settling());
        assertTrue(settling.standsOut());
        assertFalse(settling.anomalous(), "fusion still sees the detector's own verdict");

        Reading alarm = Converters.reading(score("adaptive", ScoreStatus.SCORED, 0.8, 0.21, true));
        assertFalse(alarm.settling(), "the episode's first window is an alarm, not settling");
        assertTrue(alarm.standsOut());

        Reading quiet = Converters.reading(score("adaptive", ScoreStatus.SCORED, 0.1, 0.21, false));
        assertFalse(quiet.standsOut());
    }

    @Test
    void detectorsWithoutAlarmEpisodesStandOutOnlyWhereTheyFlag() {
        Reading forest = Converters.reading(score("isolation-forest", ScoreStatus.SCORED, 0.8, 0.6, false));
        assertFalse(forest.settling());
        assertFalse(forest.standsOut());
        assertNull(Converters.reading(score("adaptive", ScoreStatus.UNSCORED, 0.8, 0.21, false)));
    }
}
