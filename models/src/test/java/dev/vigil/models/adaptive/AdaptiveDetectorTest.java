package dev.vigil.models.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptiveDetectorTest {
    private static final AdaptiveSettings SETTINGS = AdaptiveSettings.DEFAULTS;
    private final AdaptiveDetector detector = new AdaptiveDetector(SETTINGS);

    /** A noisy daily rhythm (288 windows a day) of one feature. */
    private static double daily(int i, Random noise) {
        return 50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + noise.nextGaussian();
    }

    private List<AdaptiveVerdict> run(AdaptiveState state, double[] series) {
        List<AdaptiveVerdict> out = new ArrayList<>();
        for (double v : series) {
            out.add(detector.score(state, new double[] {v}));
        }
        return out;
    }

    private static double[] dailySeries(int n, long seed) {
        Random noise = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = daily(i, noise);
        }
        return x;
    }

    @Test
    void aSteadyRhythmRaisesNoAlarmAndAFlatLineNone() {
        for (long seed = 1; seed <= 3; seed++) {
            long alarms = run(detector.newState(1), dailySeries(4032, seed)).stream().filter(AdaptiveVerdict::alarm).count();
            assertTrue(alarms <= 1, "alarms on a steady rhythm, seed " + seed + ": " + alarms);
        }
        double[] flat = new double[4032];
        java.util.Arrays.fill(flat, 7.0);
        assertEquals(0, run(detector.newState(1), flat).stream().filter(AdaptiveVerdict::alarm).count());
    }

    @Test
    void aLevelShiftAlarmsOnceNearItsStartThenTheEntitySettles() {
        double[] x = dailySeries(4032, 7);
        int shift = 3000;
        for (int i = shift; i < x.length; i++) {
            x[i] += 60;
        }
        List<AdaptiveVerdict> verdicts = run(detector.newState(1), x);
        List<Integer> alarms = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            if (verdicts.get(i).alarm()) alarms.add(i);
        }
        assertFalse(alarms.isEmpty(), "the shift was not flagged");
        int first = alarms.stream().filter(i -> i >= shift).findFirst().orElseThrow();
        assertTrue(first - shift < 10, "flagged late: " + (first - shift) + " windows after the shift");
        assertTrue(alarms.stream().noneMatch(i -> i > first && i <= first + SETTINGS.settleWindows()),
                "alarms inside the settle period: " + alarms);
        assertEquals(1.0, verdicts.get(first).rawScore(), "a new level beyond the seen range scores 1");
    }

    @Test
    void anEntityThatKeepsReachingNewHighsStaysInOneEpisode() {
        AdaptiveSettings shortSettle = new AdaptiveSettings(SETTINGS.learningWindows(), SETTINGS.levels(), SETTINGS.maxOrder(),
                SETTINGS.memorySlots(), SETTINGS.shortWindow(), SETTINGS.longHorizon(), SETTINGS.threshold(), 12);
        AdaptiveDetector settling = new AdaptiveDetector(shortSettle);
        double[] x = dailySeries(900, 5);
        for (int i = 600; i < x.length; i++) {
            x[i] += 1.5 * (i - 600); // a new regime climbing for 300 windows, past its old highs every few windows
        }
        AdaptiveState state = settling.newState(1);
        long alarms = 0;
        for (int i = 0; i < x.length; i++) {
            alarms += settling.score(state, new double[] {x[i]}).alarm() && i >= 600 ? 1 : 0;
        }
        assertEquals(1, alarms, "one episode while the entity keeps changing");
    }

    @Test
    void aFarStrongerAnomalyInsideAWeakEpisodeAlarmsAgain() {
        double[] x = dailySeries(2200, 11);
        double high = java.util.Arrays.stream(x, 0, 2000).max().orElseThrow();
        double low = java.util.Arrays.stream(x, 0, 2000).min().orElseThrow();
        x[2000] = high + 0.08 * (high - low); // a record beaten by a little: a weak alarm
        x[2010] = high + 3 * (high - low);    // then an error rate ten times anything seen, inside its settle period
        List<AdaptiveVerdict> verdicts = run(detector.newState(1), x);

        assertTrue(verdicts.get(2000).alarm(), "the small record alarms");
        assertTrue(verdicts.get(2000).rawScore() < 1, "precondition: a weak first alarm");
        assertTrue(verdicts.get(2010).alarm(), "the far stronger window is not hidden by the weak episode");
        assertEquals(1.0, verdicts.get(2010).rawScore());
        for (int i = 2001; i < 2010; i++) {
            assertFalse(verdicts.get(i).alarm(), "window " + i + " of the episode");
        }
    }

    @Test
    void stateWrittenBeforeEpisodePeaksResumesWithItsEpisodeAtFullStrength() {
        AdaptiveState state = detector.newState(1);
        run(state, dailySeries(400, 3));
        state.settle = 5;
        AdaptiveState resumed = AdaptiveState.decode(legacy(state, 2), SETTINGS);
        assertEquals(5, resumed.settle);
        assertEquals(1.0, resumed.episodePeak);
        assertEquals(-1L, resumed.episodeSymptoms, "an open episode of old state has shown every symptom");
        assertEquals(state.windows(), resumed.windows());
    }

    @Test
    void stateWrittenBeforeSymptomsResumesWithItsPeakAndATrendThatStartsAgain() {
        AdaptiveState state = twoFeaturesAfterLearning();
        state.settle = 7;
        state.episodePeak = 0.4;
        AdaptiveState resumed = AdaptiveState.decode(legacy(state, 3), SETTINGS);
        assertEquals(7, resumed.settle);
        assertEquals(0.4, resumed.episodePeak);
        assertEquals(-1L, resumed.episodeSymptoms);
        assertTrue(Double.isNaN(resumed.trend[0]) && Double.isNaN(resumed.trend[1]));
        assertArrayEquals(state.seenMax, resumed.seenMax);
    }

    @Test
    void stateWrittenBeforeSymptomStrengthsKeepsItsOpenEpisodeAsItWas() {
        AdaptiveState state = twoFeaturesAfterLearning();
        state.settle = 7;
        state.episodeSymptoms = 1L;
        state.episodeStrength = 3.0;
        byte[] current = state.encode();
        byte[] format4 = java.util.Arrays.copyOf(current, current.length - 8);
        java.nio.ByteBuffer.wrap(format4).putInt(0, 4);
        AdaptiveState resumed = AdaptiveState.decode(format4, SETTINGS);
        assertEquals(1L, resumed.episodeSymptoms);
        assertEquals(Double.POSITIVE_INFINITY, resumed.episodeStrength, "no stronger alarm can outdo an unknown one");
        assertArrayEquals(state.trend, resumed.trend);
        assertEquals(3.0, AdaptiveState.decode(current, SETTINGS).episodeStrength);
    }

    @Test
    void theEpisodesOwnSymptomMovingFarFurtherAlarmsAgain() {
        double[][] x = twoFeatureSeries(1700, 8);
        x[1500][0] = 150;   // a full-strength alarm on the first feature, a moderate move from its trend
        x[1530][0] = 160;   // about as far again: the same episode
        x[1560][0] = 2000;  // the same feature, many times further than the episode's alarm moved it
        List<AdaptiveVerdict> verdicts = scoreAll(x);
        List<Integer> alarms = alarmsIn(verdicts);
        assertTrue(alarms.contains(1500), "first alarm: " + alarms);
        assertEquals(1.0, verdicts.get(1500).rawScore(), "precondition: the episode's alarm is at full strength");
        assertFalse(alarms.contains(1530), "as strong again: " + alarms);
        assertTrue(alarms.contains(1560), "far stronger: " + alarms);
    }

    /** A daily rhythm in the first feature and a steady level of 10 in the second, with noise. */
    private static double[][] twoFeatureSeries(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {daily(i, r), 10 + r.nextGaussian()};
        }
        return x;
    }

    /** Every window of one fresh entity's series, scored in order. */
    private List<AdaptiveVerdict> scoreAll(double[][] x) {
        AdaptiveState state = detector.newState(x[0].length);
        List<AdaptiveVerdict> out = new ArrayList<>();
        for (double[] window : x) {
            out.add(detector.score(state, window));
        }
        return out;
    }

    /** The indexes of the windows that alarmed. */
    private static List<Integer> alarmsIn(List<AdaptiveVerdict> verdicts) {
        List<Integer> alarms = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            if (verdicts.get(i).alarm()) {
                alarms.add(i);
            }
        }
        return alarms;
    }

    /** A two-feature entity after 400 windows: past its learning period. */
    private AdaptiveState twoFeaturesAfterLearning() {
        AdaptiveState state = detector.newState(2);
        Random r = new Random(4);
        for (int i = 0; i < 400; i++) {
            detector.score(state, new double[] {daily(i, r), 10 + r.nextGaussian()});
        }
        return state;
    }

    /** The state as formats 2 (no episode peak) and 3 (no trends, no symptoms) wrote it. */
    private static byte[] legacy(AdaptiveState state, int format) {
        byte[] current = state.encode();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(current);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(current.length);
        byte[] header = new byte[24];
        in.get(header);
        out.put(header).putInt(0, format);
        byte[] feature = new byte[48];
        for (int j = 0; j < state.features(); j++) {
            in.get(feature);
            out.put(feature, 0, 40); // without the trend
        }
        int tail = in.remaining() - 16 - (format == 2 ? 8 : 0); // without the symptoms and their strength, for format 2 the peak
        byte[] rest = new byte[tail];
        in.get(rest);
        out.put(rest);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void aNewSymptomInsideAnEpisodeAlarmsAndTheSameOneAgainDoesNot() {
        double[][] x = twoFeatureSeries(1700, 8);
        x[1500][0] = 200;   // far beyond anything the first feature has shown
        x[1530][1] = 60;    // then the second feature, inside the first alarm's settle period
        x[1560][0] = 210;   // then the first again: the episode has shown that symptom
        List<Integer> alarms = alarmsIn(scoreAll(x));
        assertTrue(alarms.contains(1500), "first symptom: " + alarms);
        assertTrue(alarms.contains(1530), "a new symptom inside the episode: " + alarms);
        assertFalse(alarms.contains(1560), "the same symptom again: " + alarms);
    }

    @Test
    void anEpisodesBarIsItsLatestAlarmNotItsStrongest() {
        double[][] x = twoFeatureSeries(1700, 8);
        x[1500][1] = 60;    // an error burst: the second feature far beyond anything seen
        x[1530][0] = 80;    // a mild new symptom inside that episode: the first feature a little past its range
        x[1560][0] = 300;   // then the first feature far beyond it, the second up again too
        x[1560][1] = 40;
        List<Integer> alarms = alarmsIn(scoreAll(x));
        assertTrue(alarms.contains(1500), "the burst: " + alarms);
        assertTrue(alarms.contains(1530), "the mild new symptom joins the episode: " + alarms);
        assertTrue(alarms.contains(1560), "far stronger than the episode's latest alarm, though not than its burst: " + alarms);
    }

    @Test
    void aSingleFeatureEntityNeverAlarmsTwiceInAnEpisodeForASymptom() {
        double[] x = dailySeries(2000, 9);
        x[1500] = 200;
        x[1520] = -150; // the other way: for one feature, still the same episode
        List<AdaptiveVerdict> verdicts = run(detector.newState(1), x);
        assertTrue(verdicts.get(1500).alarm());
        assertFalse(verdicts.get(1520).alarm());
    }

    @Test
    void scoresStayBelowOneForOrdinarySurprisesAndTheThresholdMapsToOneHalf() {
        assertEquals(0.5, detector.calibrated(SETTINGS.threshold()), 1e-12);
        // Beyond the seen range: nothing within 5 % of the range, an alarm just past it, 1 at half the range beyond.
        double t = SETTINGS.threshold();
        assertEquals(0.0, detector.rangeScore(0.05), 1e-12);
        assertEquals(t, detector.rangeScore(0.050001), 1e-4);
        assertEquals(t + (1 - t) / 2, detector.rangeScore(0.275), 1e-12);
        assertEquals(1.0, detector.rangeScore(3.0), 1e-12);
        assertEquals(0.0, detector.calibrated(0), 1e-12);
        assertEquals(1.0, detector.calibrated(1), 1e-12);
        // The log-likelihood scale keeps very small tail probabilities apart instead of saturating.
        assertTrue(AdaptiveDetector.logScore(1 - 1e-6) < AdaptiveDetector.logScore(1 - 1e-8));
        assertTrue(AdaptiveDetector.logScore(1 - 1e-8) < 1.0);
    }

    @Test
    void encodedStateResumesExactlyWhereItStopped() {
        double[] x = dailySeries(2000, 3);
        AdaptiveState through = detector.newState(1);
        AdaptiveState resumed = detector.newState(1);
        List<AdaptiveVerdict> expected = run(through, x);
        List<AdaptiveVerdict> actual = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (i % 97 == 0) {
                resumed = AdaptiveState.decode(resumed.encode(), SETTINGS);
            }
            actual.add(detector.score(resumed, new double[] {x[i]}));
        }
        assertEquals(expected, actual);
        assertArrayEquals(through.encode(), resumed.encode());
    }

    @Test
    void theMemoryForgetsContextsNotSeenForAGenerationAndKeepsThoseSeenAgain() {
        AdaptiveState state = detector.newState(1);
        int generation = (int) (SETTINGS.memorySlots() * 3 / 8);
        int kept = 0x7F3A_0001;
        int forgotten = 0x1C44_0001;
        assertFalse(AdaptiveDetector.remember(state, kept));
        assertFalse(AdaptiveDetector.remember(state, forgotten));
        assertTrue(AdaptiveDetector.remember(state, forgotten), "a context just seen is remembered");
        // Fill two generations with fresh contexts; the kept one is seen once in each.
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < generation; i++) {
                AdaptiveDetector.remember(state, (0x2000 + g * generation + i) << 16 | 0x5A5A);
                if (i == generation / 2) {
                    assertTrue(AdaptiveDetector.remember(state, kept), "seen in the previous generation");
                }
            }
        }
        assertTrue(AdaptiveDetector.remember(state, kept));
        assertFalse(AdaptiveDetector.remember(state, forgotten), "not seen for a whole generation: forgotten");
        long occupied = 0;
        for (short slot : state.memory) occupied += slot != 0 ? 1 : 0;
        assertTrue(occupied <= SETTINGS.memorySlots() * 3 / 4, "two generations fill at most 3/4: " + occupied);
    }

    @Test
    void stateWrittenWithAnotherMemorySizeKeepsWhatItRemembered() {
        AdaptiveSettings before = new AdaptiveSettings(288, 8, 2, 1024, 8, 4000, 0.25, 150);
        AdaptiveState old = new AdaptiveState(1, before);
        double[] x = dailySeries(3000, 8);
        AdaptiveDetector oldDetector = new AdaptiveDetector(before);
        for (double v : x) oldDetector.score(old, new double[] {v});

        AdaptiveState upgraded = AdaptiveState.decode(old.encode(), SETTINGS);
        assertEquals(SETTINGS.memorySlots(), upgraded.memory.length);
        assertEquals(entries(old.memory), entries(upgraded.memory), "every remembered context moved");
        assertEquals(old.windows(), upgraded.windows());
        long current = entries(upgraded.memory).stream().filter(e -> (e & 1) == upgraded.generation).count();
        assertEquals(current, upgraded.generationSize);
        AdaptiveVerdict next = detector.score(upgraded, new double[] {x[x.length - 1]});
        assertTrue(next.score() < 0.5, "a usual value is not an anomaly after the upgrade: " + next);
    }

    private static List<Integer> entries(short[] memory) {
        List<Integer> out = new ArrayList<>();
        for (short m : memory) {
            if (m != 0) out.add(m & 0xFFFF);
        }
        out.sort(null);
        return out;
    }

    @Test
    void stateOfASixFeatureEntityFitsInFourKilobytes() {
        AdaptiveState state = detector.newState(6);
        Random r = new Random(5);
        for (int i = 0; i < 5000; i++) {
            double v = daily(i, r);
            detector.score(state, new double[] {v, v - 1, v + 1, v, 1 + r.nextDouble(), r.nextGaussian()});
        }
        int size = state.encode().length;
        assertEquals(state.encodedSize(), size);
        assertTrue(size <= 4096, "state of 6 features: " + size + " bytes");
    }

    @Test
    void damagedOrForeignStateIsRefused() {
        byte[] bytes = detector.newState(2).encode();
        bytes[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> AdaptiveState.decode(bytes, SETTINGS));
        AdaptiveSettings other = new AdaptiveSettings(600, 8, 3, 512, 8, 4000, 0.3, 150);
        byte[] good = detector.newState(2).encode();
        assertThrows(IllegalArgumentException.class, () -> AdaptiveState.decode(good, other));
        assertThrows(IllegalArgumentException.class, () -> detector.score(detector.newState(2), new double[] {1}));
    }
}
