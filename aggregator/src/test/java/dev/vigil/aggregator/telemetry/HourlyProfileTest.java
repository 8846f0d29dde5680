package dev.vigil.aggregator.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HourlyProfileTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");

    /** Requests per minute of a service with a strong daily cycle: 2 at night, 18 in the afternoon. */
    private static double rate(Instant t) {
        double hour = (t.getEpochSecond() / 3600.0) % 24;
        return 10 + 8 * Math.sin(2 * Math.PI * (hour - 9) / 24);
    }

    private static long requests(Random random, double mean) {
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }

    /** Feeds {@code days} of normal windows; returns the largest |count_vs_hour| of the last day. */
    private static double learn(HourlyProfile profile, Random random, int days) {
        double largest = 0;
        for (Instant t = MONDAY; t.isBefore(MONDAY.plus(Duration.ofDays(days))); t = t.plus(WINDOW)) {
            double d = profile.deviationThenLearn(t, requests(random, rate(t) * 5), WINDOW);
            if (!t.isBefore(MONDAY.plus(Duration.ofDays(days - 1)))) {
                largest = Math.max(largest, Math.abs(d));
            }
        }
        return largest;
    }

    @Test
    void aSpikeAtNightAndADropAtNoonStandOutThoughBothLieWithinTheDaysRange() {
        HourlyProfile profile = new HourlyProfile();
        Random random = new Random(3);
        double normal = learn(profile, random, 3);
        Instant night = MONDAY.plus(Duration.ofDays(3)).plus(Duration.ofHours(3));
        Instant noon = MONDAY.plus(Duration.ofDays(3)).plus(Duration.ofHours(15));
        // Five times the night's rate is less than the afternoon's; a tenth of the afternoon's is less than the night's.
        assertTrue(rate(night) * 5 < rate(noon) && rate(noon) * 0.1 < rate(night));
        double spike = profile.deviationThenLearn(night, requests(random, rate(night) * 5 * 5), WINDOW);
        double drop = profile.deviationThenLearn(noon, requests(random, rate(noon) * 0.1 * 5), WINDOW);
        // Ordinary noise: a quiet hour's 10 requests per window vary by a third.
        assertTrue(normal < 0.7, "normal windows of the last day within " + normal);
        assertTrue(spike > 1.0 && spike > 1.5 * normal, "spike " + spike);
        assertTrue(drop < -1.5 && -drop > 2 * normal, "drop " + drop);
    }

    @Test
    void anUnseenHourSaysNothingAndALastingChangeBecomesTheNewNormal() {
        HourlyProfile profile = new HourlyProfile();
        assertEquals(0.0, profile.deviationThenLearn(MONDAY, 500, WINDOW), "no history: 0");
        Random random = new Random(5);
        learn(profile, random, 3);
        // From now on twice the traffic, for a week: the first windows stand out, the last day's no longer do.
        double first = 0;
        double lastDay = 0;
        int lastDayWindows = 0;
        Instant start = MONDAY.plus(Duration.ofDays(3));
        for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(7))); t = t.plus(WINDOW)) {
            double d = profile.deviationThenLearn(t, requests(random, rate(t) * 2 * 5), WINDOW);
            if (t.equals(start.plus(Duration.ofHours(12)))) {
                first = d;
            }
            if (!t.isBefore(start.plus(Duration.ofDays(6)))) {
                lastDay += d;
                lastDayWindows++;
            }
        }
        assertTrue(first > 0.4, "a doubled rate reads about ln 2 at first: " + first);
        double lastDayMean = lastDay / lastDayWindows;
        assertTrue(Math.abs(lastDayMean) < 0.1, "after a week it is the normal: mean " + lastDayMean);
    }

    @Test
    void anIncidentOfAnHourHardlyMovesTomorrowsNormal() {
        HourlyProfile incident = new HourlyProfile();
        HourlyProfile quiet = new HourlyProfile();
        learn(incident, new Random(9), 3);
        learn(quiet, new Random(9), 3);
        Instant start = MONDAY.plus(Duration.ofDays(3)).plus(Duration.ofHours(14));
        for (Instant t = start; t.isBefore(start.plus(Duration.ofHours(1))); t = t.plus(WINDOW)) {
            incident.deviationThenLearn(t, requests(new Random(t.getEpochSecond()), rate(t) * 0.05 * 5), WINDOW);
            quiet.deviationThenLearn(t, requests(new Random(t.getEpochSecond()), rate(t) * 5), WINDOW);
        }
        Instant tomorrow = start.plus(Duration.ofDays(1));
        long usual = Math.round(rate(tomorrow) * 5);
        double afterIncident = incident.deviationThenLearn(tomorrow, usual, WINDOW);
        double afterQuiet = quiet.deviationThenLearn(tomorrow, usual, WINDOW);
        assertTrue(afterIncident - afterQuiet < 0.25, "an hour at 5 % moved tomorrow's reading by " + (afterIncident - afterQuiet));
    }

    @Test
    void itsBytesGiveTheSameProfile() {
        HourlyProfile profile = new HourlyProfile();
        learn(profile, new Random(1), 2);
        ByteBuffer bytes = ByteBuffer.allocate(HourlyProfile.BYTES);
        profile.writeTo(bytes);
        HourlyProfile copy = HourlyProfile.readFrom(ByteBuffer.wrap(bytes.array()));
        Instant t = MONDAY.plus(Duration.ofDays(2)).plus(Duration.ofHours(7));
        assertEquals(profile.deviationThenLearn(t, 40, WINDOW), copy.deviationThenLearn(t, 40, WINDOW));
    }
}
