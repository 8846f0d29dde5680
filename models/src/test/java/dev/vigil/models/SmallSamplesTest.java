package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallSamplesTest {
    static final List<String> NAMES = List.of("event_count", "error_rate", "latency_p50", "throughput_change");

    /** A day and night of windows: 4 to 70 requests, each failing with probability 1 %, latency near 80 ms. */
    static TrainingSet dayAndNight(int windows) {
        Random random = new Random(3);
        double[][] rows = new double[windows][];
        double previous = 30;
        for (int i = 0; i < windows; i++) {
            double count = 4 + random.nextInt(67);
            int errors = 0;
            for (int r = 0; r < count; r++) {
                errors += random.nextDouble() < 0.01 ? 1 : 0;
            }
            rows[i] = new double[] {count, errors / count, 80 + 5 * random.nextGaussian(), (count - previous) / previous};
            previous = count;
        }
        return TrainingSet.of(rows, NAMES);
    }

    @Test
    void aQuietWindowsErrorRateAndCountChangeAreReadAsIfItHadHeldTenMoreRequests() {
        double[] night = {4, 0.25, 80, 9};
        double[] read = SmallSamples.smoothed(NAMES, night);
        assertEquals(1 / 14.0, read[1], 1e-12, "one error among four: 7 %");
        assertEquals((4 - 0.4) / 10.4, read[3], 1e-12, "0.4 requests before (4 / (1 + 9)) then 4: +35 %, not +900 %");
        assertEquals(0.25, night[1], "the input is left as it was");
        double[] busy = SmallSamples.smoothed(NAMES, new double[] {600, 0.35, 80, 0.5});
        assertEquals(0.35 * 600 / 610, busy[1], 1e-12, "a busy window's rate barely moves");
        assertFalse(SmallSamples.applies(List.of("announcements", "withdrawals")), "other domains are not touched");
        TrainingSet bgp = TrainingSet.of(new double[][] {{1, 2}}, List.of("announcements", "withdrawals"));
        assertSame(bgp, SmallSamples.smoothed(bgp));
    }

    @Test
    void aModelDoesNotFlagOneErrorAmongFourRequestsButStillFlagsAnErrorBurst() {
        TrainingSet day = dayAndNight(2000);
        AnomalyModel rules = Trainers.train(Algorithms.RULES, day, Map.of("targetFpr", "0.005"));
        AnomalyModel raw = Trainers.train(Algorithms.RULES, day, Map.of("targetFpr", "0.005", SmallSamples.PARAMETER, "raw"));
        assertEquals("smoothed", rules.parameters().get(SmallSamples.PARAMETER));
        assertEquals("raw", raw.parameters().get(SmallSamples.PARAMETER));

        double[] quietNight = {4, 0.25, 80, 0.1};
        assertFalse(rules.score(quietNight, List.of()).anomalous(), "one failed request of four is noise");
        assertTrue(raw.score(quietNight, List.of()).anomalous(), "read raw, it is a 25 % error rate");
        double[] burst = {60, 0.35, 80, 0.1};
        assertTrue(rules.score(burst, List.of()).anomalous(), "21 errors among 60 requests is an incident");

        AnomalyModel decoded = ModelCodec.decode(ModelCodec.encode(rules));
        assertEquals(rules.rawScore(quietNight, List.of()), decoded.rawScore(quietNight, List.of()), 1e-12,
                "the reading travels with the model");
    }
}
