package dev.vigil.ensemble;

import dev.vigil.ensemble.model.Deviation;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import java.util.List;

/** Readings and windows for tests: one-minute windows starting at minute {@code m}. */
public final class Fixtures {
    public static final long MINUTE = 60_000;
    public static final long T0 = 1_700_000_000_000L - (1_700_000_000_000L % MINUTE);

    private Fixtures() {
    }

    public static long start(int minute) {
        return T0 + minute * MINUTE;
    }

    public static long end(int minute) {
        return start(minute) + MINUTE;
    }

    public static Reading reading(String domain, String detector, double score) {
        return reading(domain, detector, 1, score, false);
    }

    public static Reading reading(String domain, String detector, int version, double score, boolean shadow) {
        return new Reading(detector, domain + "." + detector, version, score, score >= 0.5, shadow,
                List.of(new Deviation(detector + ".feature", score * 10, 1.0, score * 4)));
    }

    public static WindowScores window(String entity, String domain, int minute, double... scores) {
        String[] detectors = {"isolation-forest", "forecaster", "rules"};
        List<Reading> readings = new java.util.ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            readings.add(reading(domain, detectors[i], scores[i]));
        }
        return new WindowScores(entity, domain, start(minute), end(minute), readings, List.of(), List.of());
    }
}
