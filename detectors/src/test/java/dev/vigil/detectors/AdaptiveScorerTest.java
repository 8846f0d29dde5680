package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.models.adaptive.AdaptiveSettings;
import dev.vigil.schemas.Entities;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adaptive scorer on service vectors: calendar features left out, so a new weekday is not an anomaly. */
class AdaptiveScorerTest {
    private static final List<String> NAMES = List.of("event_count", "error_rate", "hour_sin", "hour_cos", "dow_sin", "dow_cos");
    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z"); // a Monday
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private static FeatureVector service(Instant at, double count) {
        double hour = at.atZone(ZoneOffset.UTC).getHour() + at.atZone(ZoneOffset.UTC).getMinute() / 60.0;
        int day = at.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() - 1;
        double h = 2 * Math.PI * hour / 24;
        double d = 2 * Math.PI * day / 7;
        return new FeatureVector("service:checkout", Entities.TELEMETRY_SERVICE, at, at.plus(WINDOW), NAMES,
                List.of(count, 0.01, Math.sin(h), Math.cos(h), Math.sin(d), Math.cos(d)), 100L, "test");
    }

    /** Requests follow the same daily cycle every day. */
    private static double dailyCount(Instant at) {
        double hour = at.atZone(ZoneOffset.UTC).getHour();
        return 100 + 40 * Math.round(Math.sin(2 * Math.PI * hour / 24) * 3);
    }

    @Test
    void leavesCalendarFeaturesOut() {
        FeatureVector v = service(START, 120);
        assertArrayEquals(new double[] {120, 0.01 * 120 / 130}, AdaptiveScorer.behaviour(v), 1e-12);
    }

    @Test
    void theSameDailyCycleOnANewWeekdayRaisesNoAlarm() {
        AdaptiveScorer scorer = new AdaptiveScorer(AdaptiveSettings.DEFAULTS);
        byte[] state = null;
        List<DetectorScore> afterLearning = new ArrayList<>();
        int windowsPerDay = (int) (Duration.ofDays(1).toMillis() / WINDOW.toMillis());
        for (int w = 0; w < 3 * windowsPerDay; w++) {
            Instant at = START.plus(WINDOW.multipliedBy(w));
            AdaptiveScorer.Outcome outcome = scorer.score(service(at, dailyCount(at)), state, at);
            state = outcome.state().encode();
            if (outcome.score().getStatus() == ScoreStatus.SCORED) {
                afterLearning.add(outcome.score());
            }
        }
        assertEquals(3 * windowsPerDay - AdaptiveSettings.DEFAULTS.learningWindows(), afterLearning.size());
        assertTrue(afterLearning.stream().noneMatch(DetectorScore::getAnomalous),
                "the second and third days repeat the first; only their weekday differs");

        Instant spike = START.plus(WINDOW.multipliedBy(3L * windowsPerDay));
        DetectorScore score = scorer.score(service(spike, 900), state, spike).score();
        assertTrue(score.getAnomalous(), "nine times the usual requests: " + score);
        assertFalse(score.getScore() < 0.5, "an alarm is at least the fusion's threshold: " + score.getScore());
    }

    private static final List<String> REQUEST_NAMES = List.of("event_count", "error_rate", "latency_p50", "latency_p95",
            "latency_p99");

    /** A service window whose latency has a tail, whatever the window's size: 95th at 2.5 and 99th at 4 times the median. */
    private static FeatureVector requests(Instant at, double count, double median) {
        return new FeatureVector("service:search", Entities.TELEMETRY_SERVICE, at, at.plus(WINDOW), REQUEST_NAMES,
                List.of(count, 0.0, median, 2.5 * median, 4 * median), (long) count, "test");
    }

    @Test
    void aServicesFirstBusyWindowIsNoLatencyRecord() {
        AdaptiveScorer scorer = new AdaptiveScorer(AdaptiveSettings.DEFAULTS);
        byte[] state = null;
        int windowsPerDay = (int) (Duration.ofDays(1).toMillis() / WINDOW.toMillis());
        for (int w = 0; w < 2 * windowsPerDay; w++) {
            Instant at = START.plus(WINDOW.multipliedBy(w));
            double phase = 2 * Math.PI * (w % windowsPerDay) / windowsPerDay;
            // 20 to 99 requests a window: never the 100 that put five requests above the 95th percentile.
            double count = Math.round(59.5 + 39.5 * Math.sin(phase));
            AdaptiveScorer.Outcome outcome = scorer.score(requests(at, count, 80 + 5 * Math.sin(7 * phase)), state, at);
            state = outcome.state().encode();
        }
        Instant busy = START.plus(WINDOW.multipliedBy(2L * windowsPerDay));
        DetectorScore first = scorer.score(requests(busy, 100, 80), state, busy).score();
        assertFalse(first.getAnomalous(), "one request more than the busiest window so far, the same latency: " + first);

        DetectorScore slow = scorer.score(requests(busy, 40, 480), state, busy).score();
        assertTrue(slow.getAnomalous(), "six times the usual median latency in a quiet window: " + slow);
    }
}
