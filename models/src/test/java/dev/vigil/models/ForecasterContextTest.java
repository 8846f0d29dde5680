package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecasterContextTest {
    static final List<String> NAMES = List.of("latency", "hour_sin", "hour_cos");

    static double[] window(double hour, double latency) {
        double angle = 2 * Math.PI * hour / 24;
        return new double[] {latency, Math.sin(angle), Math.cos(angle)};
    }

    /** Four services seen from 08:00 to 20:00 in 5-minute windows: latency near 80 ms whatever the hour. */
    static TrainingSet daytime(Random random) {
        List<double[]> rows = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (int w = 0; w < 144; w++) {
            for (int e = 0; e < 4; e++) {
                rows.add(window(8 + w / 12.0, 80 + 4 * random.nextGaussian()));
                entities.add("service:" + e);
                starts.add(w * 300_000L);
            }
        }
        return new TrainingSet(rows.toArray(double[][]::new), NAMES, null, entities.toArray(String[]::new),
                starts.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void theCalendarIsContextOfTheForecastNotSomethingItJudges() {
        Random random = new Random(11);
        TrainingSet day = daytime(random);
        AnomalyModel withContext = Trainers.train(Algorithms.FORECASTER, day,
                Map.of("targetFpr", "0.01", Params.CONTEXT_FEATURES, "hour_sin,hour_cos"));
        AnomalyModel judgingAll = Trainers.train(Algorithms.FORECASTER, day, Map.of("targetFpr", "0.01"));

        // The service was silent overnight: its last windows are the evening's, the next one is at 03:00.
        List<double[]> nightHistory = List.of(window(19.75, 81), window(19.83, 79), window(19.92, 80));
        double[] ordinaryNight = window(3, 80);
        assertTrue(judgingAll.score(ordinaryNight, nightHistory).anomalous(), "the hour's jump reads as an anomaly");
        Scored night = withContext.score(ordinaryNight, nightHistory);
        assertFalse(night.anomalous(), "raw " + night.rawScore() + " threshold " + withContext.threshold());
        assertEquals("latency", night.topFeatures().getFirst().name(), "the hour is never what stands out");

        assertTrue(withContext.score(window(3, 400), nightHistory).anomalous(), "a five-fold latency still does");
    }
}
