package dev.vigil.sketches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drift policy on real series from the Numenta Anomaly Benchmark (MIT licence; see SOURCE.md in the
 * datasets folder): the series that {@code labels/combined_windows.json} lists without any anomaly window.
 * They are 14 days at 5-minute resolution with a daily cycle, so a window is one day (288 values) and the
 * baseline the first three days. Stationary data must not confirm drift over a long run of hopping windows;
 * a level shift must be confirmed within the configured number of windows.
 */
class NabStationarityTest {

    private static final int DAY = 288;
    private static final int BASELINE_DAYS = 3;
    private static final int HOP = 24;

    private static Map<String, double[]> series;

    @BeforeAll
    static void loadSeriesWithoutAnomalyWindows() throws IOException {
        String datasets = System.getProperty("vigil.datasets");
        assertNotNull(datasets, "system property vigil.datasets must point at the shared datasets folder");
        Path nab = Path.of(datasets, "nab");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(nab), "datasets folder " + nab.toAbsolutePath() + " is not present");
        JsonNode windows = new ObjectMapper().readTree(nab.resolve("labels/combined_windows.json").toFile());
        series = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : windows.properties()) {
            if (entry.getValue().isEmpty()) {
                series.put(entry.getKey(), readValues(nab.resolve("data").resolve(entry.getKey())));
            }
        }
        assertTrue(series.size() >= 5, "expected the anomaly-free NAB series, found " + series.keySet());
    }

    private static double[] readValues(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).filter(line -> !line.isBlank())
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(',') + 1).trim())).toArray();
    }

    @Test
    void stationarySeriesNeverConfirmDrift() {
        DriftPolicy policy = new DriftPolicy();
        int totalWindows = 0;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            double[] values = entry.getValue();
            Sketch baseline = Sketch.fromBytes(Sketch.of(Arrays.copyOf(values, BASELINE_DAYS * DAY)).toBytes());
            PersistenceTracker tracker = new PersistenceTracker();
            int windows = 0;
            int atMedium = 0;
            Severity worst = Severity.NONE;
            double worstKs = 0;
            for (int start = BASELINE_DAYS * DAY; start + DAY <= values.length; start += HOP) {
                Sketch window = Sketch.of(Arrays.copyOfRange(values, start, start + DAY));
                FeatureDrift drift = policy.assess(entry.getKey(), baseline, window);
                DriftDecision decision = policy.decide(List.of(drift));
                Persistence persistence = tracker.observe(decision);
                assertFalse(persistence.confirmed(), () -> entry.getKey() + ": " + decision.reasons());
                windows++;
                atMedium += decision.severity().atLeast(Severity.MEDIUM) ? 1 : 0;
                worst = Severity.max(worst, decision.severity());
                worstKs = Math.max(worstKs, drift.comparison().ks());
            }
            totalWindows += windows;
            System.out.printf(Locale.ROOT, "%-50s %d windows, worst severity %s, max KS %.3f, %d at MEDIUM+%n",
                    entry.getKey(), windows, worst, worstKs, atMedium);
        }
        assertTrue(totalWindows >= 500, "a long run: " + totalWindows + " windows");
    }

    @Test
    void allSeriesAsOneModelNeverConfirmDrift() {
        DriftPolicy policy = new DriftPolicy();
        PersistenceTracker tracker = new PersistenceTracker();
        Map<String, Sketch> baselines = new LinkedHashMap<>();
        series.forEach((name, values) -> baselines.put(name, Sketch.of(Arrays.copyOf(values, BASELINE_DAYS * DAY))));
        int length = series.values().stream().mapToInt(v -> v.length).min().orElseThrow();
        for (int start = BASELINE_DAYS * DAY; start + DAY <= length; start += HOP) {
            List<FeatureDrift> features = new ArrayList<>();
            for (Map.Entry<String, double[]> entry : series.entrySet()) {
                Sketch window = Sketch.of(Arrays.copyOfRange(entry.getValue(), start, start + DAY));
                features.add(policy.assess(entry.getKey(), baselines.get(entry.getKey()), window));
            }
            DriftDecision decision = policy.decide(features);
            assertEquals(series.size(), decision.assessedFeatures());
            assertFalse(tracker.observe(decision).confirmed(), decision.reasons()::toString);
        }
    }

    @Test
    void levelShiftIsConfirmedWithinTheRequiredWindows() {
        DriftPolicy policy = new DriftPolicy();
        for (String name : List.of("artificialNoAnomaly/art_noisy.csv", "artificialNoAnomaly/art_daily_small_noise.csv")) {
            double[] values = series.get(name).clone();
            double[] baselineValues = Arrays.copyOf(values, BASELINE_DAYS * DAY);
            double shift = 0.5 * ExactStatistics.iqr(baselineValues);
            int shiftDay = 8;
            for (int i = shiftDay * DAY; i < values.length; i++) {
                values[i] += shift;
            }
            Sketch baseline = Sketch.of(baselineValues);
            PersistenceTracker tracker = new PersistenceTracker();
            int confirmedOnDay = -1;
            for (int day = BASELINE_DAYS; (day + 1) * DAY <= values.length && confirmedOnDay < 0; day++) {
                Sketch window = Sketch.of(Arrays.copyOfRange(values, day * DAY, (day + 1) * DAY));
                DriftDecision decision = policy.decide(List.of(policy.assess(name, baseline, window)));
                Persistence persistence = tracker.observe(decision);
                if (day >= shiftDay) {
                    assertTrue(decision.severity().atLeast(Severity.MEDIUM), decision.reasons()::toString);
                }
                if (persistence.confirmed()) {
                    confirmedOnDay = day;
                }
            }
            System.out.printf(Locale.ROOT, "%s: shift of 0.5 IQR from day %d confirmed on day %d%n",
                    name, shiftDay, confirmedOnDay);
            assertEquals(shiftDay + PersistenceTracker.DEFAULT_REQUIRED_WINDOWS - 1, confirmedOnDay, name);
        }
    }
}
