package dev.vigil.ensemble.fusion;

import static dev.vigil.ensemble.Fixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ensemble.model.Reading;
import dev.vigil.kit.state.StateJson;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightsTest {
    private static final String D = "telemetry-service";

    /** Labelled windows where the isolation forest agrees with the label 90% of the time and rules 50%. */
    private static DetectorTallies tallies(int windows, long seed) {
        Random random = new Random(seed);
        DetectorTallies t = DetectorTallies.EMPTY;
        for (int i = 0; i < windows; i++) {
            boolean truth = random.nextBoolean();
            boolean forest = random.nextDouble() < 0.9 ? truth : !truth;
            boolean rules = random.nextBoolean();
            List<Reading> readings = List.of(reading(D, "isolation-forest", forest ? 0.8 : 0.2), reading(D, "rules", rules ? 0.8 : 0.2));
            t = t.learn(readings, truth);
        }
        return t;
    }

    @Test
    void configuredWeightsApplyUntilEnoughLabelsThenTheLogOddsOfEachDetectorsAccuracy() {
        Weights weights = new Weights(Map.of("rules", 2.0, D + ".forecaster", 0.5), true, 100, 10);
        DetectorTallies few = tallies(50, 1);
        assertFalse(weights.learned(few));
        assertEquals(2.0, weights.forDomain(D, few).applyAsDouble("rules"));
        assertEquals(0.5, weights.forDomain(D, few).applyAsDouble("forecaster"));
        assertEquals(1.0, weights.forDomain(D, few).applyAsDouble("isolation-forest"));

        DetectorTallies many = tallies(400, 2);
        assertTrue(weights.learned(many));
        var learned = weights.forDomain(D, many);
        DetectorTallies.Tally forest = many.byDetector().get("isolation-forest");
        double p = ((forest.truePositives() + 1.0) / (forest.truePositives() + forest.falseNegatives() + 2.0)
                + (forest.trueNegatives() + 1.0) / (forest.trueNegatives() + forest.falsePositives() + 2.0)) / 2;
        assertEquals(Math.log(p / (1 - p)), learned.applyAsDouble("isolation-forest"), 1e-12);
        assertTrue(learned.applyAsDouble("isolation-forest") > 1.5, "about log(9) for a 90% detector");
        assertTrue(learned.applyAsDouble("rules") < 0.3, "a coin-flip detector gets about nothing");
        assertEquals((learned.applyAsDouble("isolation-forest") + learned.applyAsDouble("rules")) / 2,
                learned.applyAsDouble("forecaster"), 1e-12, "never labelled: the domain's average detector, not its configured 0.5");
    }

    @Test
    void aNewVersionDoesNotInheritItsPredecessorsRecord() {
        Weights weights = new Weights(Map.of(), true, 50, 10);
        DetectorTallies t = DetectorTallies.EMPTY;
        // Rules version 1 never flags; the forest finds every anomaly and stays quiet otherwise.
        for (int i = 0; i < 60; i++) {
            boolean truth = i % 3 == 0;
            t = t.learn(List.of(reading(D, "isolation-forest", 1, truth ? 0.9 : 0.2, false), reading(D, "rules", 1, 0.2, false)), truth);
        }
        double forest = t.learnedWeights().get("isolation-forest");
        double silent = weights.forDomain(D, t, Map.of("isolation-forest", 1, "rules", 1)).applyAsDouble("rules");
        assertTrue(silent < 0.1 * forest, "version 1 of the rules earned about nothing: " + silent);
        assertEquals(forest, weights.forDomain(D, t, Map.of("isolation-forest", 1, "rules", 2)).applyAsDouble("rules"), 1e-12,
                "version 2, not yet judged: the average of the proven detectors (the forest alone)");

        // Version 2 finds every anomaly and stays quiet otherwise: once its own record holds both classes it earns its own weight.
        for (int i = 0; i < 30; i++) {
            boolean truth = i % 2 == 0;
            t = t.learn(List.of(reading(D, "isolation-forest", 1, truth ? 0.9 : 0.2, false),
                    reading(D, "rules", 2, truth ? 0.9 : 0.2, false)), truth);
        }
        DetectorTallies.Tally rules = t.byDetector().get("rules");
        assertEquals(2, rules.version());
        assertEquals(30, rules.total(), "the record of version 2 alone");
        var learned = weights.forDomain(D, t, Map.of("isolation-forest", 1, "rules", 2));
        assertTrue(learned.applyAsDouble("rules") > 10 * silent, "its own record, not its predecessor's: " + learned.applyAsDouble("rules"));
    }

    @Test
    void whenAnomaliesAreRareADetectorThatNeverFlagsGetsNoWeightAndOneThatFindsThemDoes() {
        Random random = new Random(4);
        DetectorTallies t = DetectorTallies.EMPTY;
        for (int i = 0; i < 1000; i++) {
            boolean truth = random.nextDouble() < 0.03;
            boolean finder = truth ? random.nextDouble() < 0.8 : random.nextDouble() < 0.05;
            t = t.learn(List.of(reading(D, "rules", 0.2), reading(D, "isolation-forest", finder ? 0.8 : 0.2)), truth);
        }
        Map<String, Double> weights = t.learnedWeights();
        assertTrue(weights.get("rules") < 0.1, "silent detector, 97% plain accuracy (log-odds 3.5): " + weights.get("rules"));
        assertTrue(weights.get("isolation-forest") > 1.0, "finds 80% at 5% false alarms: " + weights.get("isolation-forest"));
    }

    @Test
    void withOnlyAnomalousLabelsTheConfiguredWeightsStayUntilEnoughNormalWindowsAreLabelledToo() {
        // Analysts label the injected anomalies: a detector that flags every window hits them all, one that alarms on
        // the anomalies alone hits most. Without normal labels nothing tells them apart but the hits.
        Weights weights = new Weights(Map.of(), true, 50, 10);
        DetectorTallies t = DetectorTallies.EMPTY;
        for (int i = 0; i < 100; i++) {
            t = t.learn(List.of(reading(D, "isolation-forest", 0.9), reading(D, "adaptive", i % 5 == 0 ? 0.2 : 0.9)), true);
        }
        assertEquals(100, t.byDetector().get("isolation-forest").truePositives());
        assertEquals(0, t.byDetector().get("isolation-forest").trueNegatives() + t.byDetector().get("isolation-forest").falsePositives());
        assertFalse(weights.learned(t), "only anomalous windows labelled: the quiet rate of every detector is unknown");
        assertEquals(1.0, weights.forDomain(D, t).applyAsDouble("isolation-forest"));

        // Then the false alarms of the flag-everything detector are labelled normal, as an analyst dismissing them would.
        for (int i = 0; i < 9; i++) {
            t = t.learn(List.of(reading(D, "isolation-forest", 0.9), reading(D, "adaptive", 0.2)), false);
        }
        assertFalse(weights.learned(t), "9 normal windows, 10 needed");
        for (int i = 0; i < 11; i++) {
            t = t.learn(List.of(reading(D, "isolation-forest", 0.9), reading(D, "adaptive", 0.2)), false);
        }
        assertTrue(weights.learned(t));
        var learned = weights.forDomain(D, t);
        assertTrue(learned.applyAsDouble("adaptive") > learned.applyAsDouble("isolation-forest"),
                "80 % of anomalies at no false alarm against all of them at 100 %: adaptive " + learned.applyAsDouble("adaptive")
                        + ", forest " + learned.applyAsDouble("isolation-forest"));
    }

    @Test
    void aRecordWrittenBeforeRecordsWereKeptPerVersionRestartsWithTheNextLabelledWindow() {
        String stored = "{\"labelledWindows\":3,\"byDetector\":{\"rules\":{\"truePositives\":2,\"falseNegatives\":0,"
                + "\"trueNegatives\":1,\"falsePositives\":0}}}";
        DetectorTallies t = StateJson.read(stored, DetectorTallies.class);
        assertEquals(0, t.byDetector().get("rules").version());
        assertEquals(3, t.byDetector().get("rules").total());
        t = t.learn(List.of(reading(D, "rules", 0.9)), true);
        assertEquals(1, t.byDetector().get("rules").version());
        assertEquals(1, t.byDetector().get("rules").total());
        assertEquals(4, t.labelledWindows());
    }

    @Test
    void learningCanBeSwitchedOff() {
        Weights weights = new Weights(Map.of(), false, 10, 0);
        assertFalse(weights.learned(tallies(400, 3)));
        assertEquals(1.0, weights.forDomain(D, tallies(400, 3)).applyAsDouble("isolation-forest"));
    }

    @Test
    void aDetectorThatAlarmsOncePerEpisodeIsMeasuredOnTheWindowsItStandsOutOn() {
        // Ten anomalies of five windows each among normal windows. The adaptive detector alarms on each anomaly's first
        // window and stands out, settling, on the other four; the forest flags every anomalous window and one normal
        // window in ten.
        DetectorTallies t = DetectorTallies.EMPTY;
        Random random = new Random(5);
        for (int anomaly = 0; anomaly < 10; anomaly++) {
            for (int w = 0; w < 5; w++) {
                Reading adaptive = new Reading("adaptive", D + ".adaptive", 1, w == 0 ? 1.0 : 0.0, w == 0, false, List.of(), w > 0);
                t = t.learn(List.of(adaptive, reading(D, "isolation-forest", 0.8)), true);
            }
            for (int w = 0; w < 50; w++) {
                Reading adaptive = new Reading("adaptive", D + ".adaptive", 1, 0.1, false, false, List.of(), false);
                t = t.learn(List.of(adaptive, reading(D, "isolation-forest", random.nextDouble() < 0.1 ? 0.8 : 0.2)), false);
            }
        }
        DetectorTallies.Tally adaptive = t.byDetector().get("adaptive");
        assertEquals(50, adaptive.truePositives(), "its settling windows are not misses");
        Map<String, Double> weights = t.learnedWeights();
        assertTrue(weights.get("adaptive") > weights.get("isolation-forest"),
                "every anomaly found, no false alarm, against the same finds at 10 % false alarms: " + weights);
    }
}
