package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SmallSamplesTest {
    static final List<String> NAMES = List.of("event_count", "error_rate", "latency_p50", "throughput_change");

    /**
     * Days and nights of 5-minute windows: a daily cycle from about 4 to 70 requests per window (Poisson), each request
     * failing with probability 1 %, latency near 80 ms.
     */
    static TrainingSet dayAndNight(int windows) {
        RandomGenerator random = new JDKRandomGenerator(3);
        double[][] rows = new double[windows][];
        double previous = 30;
        for (int i = 0; i < windows; i++) {
            double mean = 37 + 33 * Math.sin(2 * Math.PI * i / 288);
            double count = new PoissonDistribution(random, mean, PoissonDistribution.DEFAULT_EPSILON,
                    PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
            int errors = 0;
            for (int r = 0; r < count; r++) {
                errors += random.nextDouble() < 0.01 ? 1 : 0;
            }
            rows[i] = new double[] {count, count == 0 ? 0 : errors / count, 80 + 5 * random.nextGaussian(),
                    (count - previous) / Math.max(previous, 1)};
            previous = count;
        }
        return TrainingSet.of(rows, NAMES);
    }


    @Test
    void aQuietWindowsErrorRateAndCountChangeAreReadAsIfItHadHeldTenMoreRequests() {
        double[] night = {4, 0.25, 80, 9};
        double[] read = SmallSamples.smoothed(NAMES, night);
        assertEquals(1 / 14.0, read[1], 1e-12, "one error among four: 7 %");
        assertEquals(Math.log(14 / 10.4), read[3], 1e-12, "0.4 requests before (4 / (1 + 9)) then 4: +0.30, not +900 %");
        double[] older = SmallSamples.read(NAMES, night, SmallSamples.Reading.SMOOTHED);
        assertEquals((4 - 0.4) / 10.4, older[3], 1e-12, "as models trained before the log change read it: +35 %");
        assertEquals(0.25, night[1], "the input is left as it was");
        double[] busy = SmallSamples.smoothed(NAMES, new double[] {600, 0.35, 80, 0.5});
        assertEquals(0.35 * 600 / 610, busy[1], 1e-12, "a busy window's rate barely moves");
        assertFalse(SmallSamples.applies(List.of("announcements", "withdrawals")), "other domains are not touched");
        TrainingSet bgp = TrainingSet.of(new double[][] {{1, 2}}, List.of("announcements", "withdrawals"));
        assertSame(bgp, SmallSamples.smoothed(bgp));
    }

    @Test
    void aDropAndTheRecoveryFromItReadEquallyFarFromNoChange() {
        double fiftyToFour = (4 - 50) / 50.0;
        double fourToFifty = (50 - 4) / 4.0;
        double drop = SmallSamples.logChange(4, fiftyToFour);
        double recovery = SmallSamples.logChange(50, fourToFifty);
        assertEquals(Math.log(14 / 60.0), drop, 1e-12);
        assertEquals(-drop, recovery, 1e-12);
        assertTrue(Math.abs(SmallSamples.smoothedChange(50, fourToFifty)) > 4 * Math.abs(SmallSamples.smoothedChange(4, fiftyToFour)),
                "the smoothed change was lopsided");
        assertEquals(-1, SmallSamples.logChange(0, -1), "no request: the previous count is unknown");
        assertEquals(Math.log(13 / 10.0), SmallSamples.logChange(3, 3), 1e-12, "from none to three");
    }

    @Test
    void aTrainedModelFlagsATrafficDropAsSurelyAsTheRecoveryFromIt() {
        TrainingSet day = dayAndNight(2000);
        AnomalyModel rules = Trainers.train(Algorithms.RULES, day, Map.of("targetFpr", "0.005"));
        AnomalyModel older = Trainers.train(Algorithms.RULES, day, Map.of("targetFpr", "0.005", SmallSamples.PARAMETER, "smoothed"));
        double[] drop = {6, 0, 80, (6 - 60) / 60.0};
        double[] recovery = {60, 0, 80, (60 - 6) / 6.0};
        assertTrue(rules.score(drop, List.of()).anomalous(), "sixty requests to six");
        assertEquals(rules.score(drop, List.of()).score(), rules.score(recovery, List.of()).score(), 1e-9);
        assertFalse(older.score(drop, List.of()).anomalous(), "the smoothed change hid the drop");
        assertTrue(older.score(recovery, List.of()).anomalous(), "and flagged the way back");
    }

    @Test
    void aModelKeepsTheReadingItWasTrainedWith() {
        TrainingSet day = dayAndNight(500);
        AnomalyModel older = Trainers.train(Algorithms.RULES, day, Map.of("targetFpr", "0.005", SmallSamples.PARAMETER, "smoothed"));
        assertEquals(SmallSamples.Reading.SMOOTHED, SmallSamples.readingOf(older.parameters()));
        assertEquals(SmallSamples.Reading.RAW, SmallSamples.readingOf(Map.of()), "a model from before any smoothing");
        double[] recovery = {50, 0, 80, (50 - 4) / 4.0};
        AnomalyModel decoded = ModelCodec.decode(ModelCodec.encode(older));
        assertEquals(older.rawScore(recovery, List.of()), decoded.rawScore(recovery, List.of()), 1e-12);
    }

    @Test
    void aModelDoesNotFlagOneErrorAmongFourRequestsButStillFlagsAnErrorBurst() {
        TrainingSet day = dayAndNight(2000);
        AnomalyModel rules = Trainers.train(Algorithms.RULES, day, Map.of("targetFpr", "0.005"));
        AnomalyModel raw = Trainers.train(Algorithms.RULES, day, Map.of("targetFpr", "0.005", SmallSamples.PARAMETER, "raw"));
        assertEquals("log-change", rules.parameters().get(SmallSamples.PARAMETER));
        assertEquals("raw", raw.parameters().get(SmallSamples.PARAMETER));

        double[] quietNight = {4, 0.25, 80, 0.1};
        assertFalse(rules.score(quietNight, List.of()).anomalous(), "one failed request of four is noise");
        double[] burst = {60, 10 / 60.0, 80, 0.1};
        assertTrue(rules.score(burst, List.of()).anomalous(), "10 errors among 60 requests is an incident");
        assertFalse(raw.score(burst, List.of()).anomalous(), "read raw, the nights' 25 % error rates hide it");
        AnomalyModel decoded = ModelCodec.decode(ModelCodec.encode(rules));
        assertEquals(rules.rawScore(quietNight, List.of()), decoded.rawScore(quietNight, List.of()), 1e-12,
                "the reading travels with the model");
    }
}
