package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Rules learned on windows of a small service: few requests per window, so the error rate is 0 in most windows and
 * 1/n now and then. That sparse feature must not set the threshold for every other one.
 */
class RulesTrainerTest {
    private static final List<String> NAMES = List.of("event_count", "error_rate", "latency_p50", "throughput_change");

    /**
     * One window as the aggregator describes a service: requests over a daily cycle (3 to 27 per window), errors at
     * {@code errorRate}, the median latency, and the change in request count from the window before (heavy-tailed:
     * a window after a near-empty one changes by several hundred per cent).
     */
    private static double[] window(RandomGenerator random, int index, double errorRate, double latencyFactor) {
        int previous = requests(random, index - 1);
        int n = Math.max(1, requests(random, index));
        int errors = 0;
        for (int i = 0; i < n; i++) {
            errors += random.nextDouble() < errorRate ? 1 : 0;
        }
        double latency = 50 * latencyFactor * Math.exp(0.3 * random.nextGaussian());
        return new double[]{n, errors / (double) n, latency, (n - previous) / (double) Math.max(previous, 1)};
    }

    private static int requests(RandomGenerator random, int index) {
        return poisson(random, 15 + 12 * Math.sin(2 * Math.PI * index / 288.0));
    }

    private static int poisson(RandomGenerator random, double mean) {
        return new PoissonDistribution(random, mean, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
    }

    private static RulesModel trained(RandomGenerator random) {
        double[][] normal = new double[800][];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = window(random, i, 0.01, 1);
        }
        return (RulesModel) Trainers.train(Algorithms.RULES, TrainingSet.of(normal, NAMES), Map.of(Params.TARGET_FPR, "0.005"));
    }

    @Test
    void aSparseErrorRateDoesNotHideALatencySpikeOrAnErrorBurst() {
        RandomGenerator random = new Well19937c(7);
        RulesModel rules = trained(random);
        int latencySpikes = 0;
        int errorBursts = 0;
        int falseAlarms = 0;
        int trials = 288;
        for (int i = 0; i < trials; i++) {
            latencySpikes += rules.score(window(random, i, 0.01, 6), List.of()).anomalous() ? 1 : 0;
            errorBursts += rules.score(window(random, i, 0.35, 1), List.of()).anomalous() ? 1 : 0;
            falseAlarms += rules.score(window(random, i, 0.01, 1), List.of()).anomalous() ? 1 : 0;
        }
        assertTrue(latencySpikes >= 0.8 * trials, "six-fold latency flagged in " + latencySpikes + " of " + trials);
        assertTrue(errorBursts >= 0.5 * trials, "35 % errors flagged in " + errorBursts + " of " + trials);
        assertTrue(falseAlarms <= 0.03 * trials, "normal windows flagged: " + falseAlarms + " of " + trials);
    }

    @Test
    void aFeatureWithAGaussianTailKeepsItsRobustSpread() {
        RandomGenerator random = new Well19937c(11);
        double[][] normal = new double[2000][];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = new double[]{random.nextGaussian(), 10 + 2 * random.nextGaussian()};
        }
        RulesModel rules = (RulesModel) Trainers.train(Algorithms.RULES, TrainingSet.of(normal, List.of("a", "b")),
                Map.of(Params.TARGET_FPR, "0.005"));
        // Bounds near the Gaussian quantiles for a 0.5 % joint false-positive rate (|z| about 3.0), not widened further.
        double halfWidthA = (rules.upperBound(0) - rules.lowerBound(0)) / 2;
        double halfWidthB = (rules.upperBound(1) - rules.lowerBound(1)) / 2;
        assertTrue(halfWidthA > 2.5 && halfWidthA < 3.6, "a: +-" + halfWidthA);
        assertTrue(halfWidthB > 5.0 && halfWidthB < 7.2, "b: +-" + halfWidthB);
    }

    /**
     * Trained on the first twelve hours of a day, with the hour as sine and cosine: a rule on the hour would flag every
     * window of the night the model has not seen; named as context features, the hour is not judged.
     */
    @Test
    void contextFeaturesAreNotJudgedSoAModelOfHalfADayDoesNotFlagTheOtherHalf() {
        List<String> names = List.of("event_count", "hour_sin", "hour_cos");
        RandomGenerator random = new Well19937c(11);
        double[][] morning = new double[144][];
        for (int i = 0; i < morning.length; i++) {
            morning[i] = hourWindow(random, i);
        }
        TrainingSet set = TrainingSet.of(morning, names);
        Map<String, String> withContext = Map.of(Params.TARGET_FPR, "0.005", Params.CONTEXT_FEATURES, "hour_sin, hour_cos");
        AnomalyModel judgesTheHour = Trainers.train(Algorithms.RULES, set, Map.of(Params.TARGET_FPR, "0.005"));
        AnomalyModel hourAsContext = Trainers.train(Algorithms.RULES, set, withContext);
        int flaggedWithRule = 0;
        int flaggedAsContext = 0;
        for (int i = 144; i < 288; i++) {
            double[] night = hourWindow(random, i);
            flaggedWithRule += judgesTheHour.score(night, List.of()).anomalous() ? 1 : 0;
            flaggedAsContext += hourAsContext.score(night, List.of()).anomalous() ? 1 : 0;
        }
        assertTrue(flaggedWithRule > 72, "a rule on the hour flags most of the unseen half day: " + flaggedWithRule);
        assertTrue(flaggedAsContext <= 7, "the count alone stays quiet on the other half: " + flaggedAsContext);
        assertTrue(hourAsContext.score(new double[] {400, 0, 1}, List.of()).anomalous(), "a burst is still a burst");
        assertTrue(hourAsContext.parameters().get(Params.CONTEXT_FEATURES).contains("hour_cos"), "recorded with the model");
    }

    /** Window {@code index} of a day of 5-minute windows: a steady request count, and the hour as sine and cosine. */
    private static double[] hourWindow(RandomGenerator random, int index) {
        double angle = 2 * Math.PI * index / 288.0;
        return new double[] {poisson(random, 20), Math.sin(angle), Math.cos(angle)};
    }
}
