package dev.vigil.sketches;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model of 53 features of mixed shapes (normal, lognormal, exponential, Poisson counts) checked window after
 * window: 150 stationary windows of 300 values must not confirm drift; a shift of 8 features by 0.75
 * standard deviations (KS about 0.29) must be confirmed on the second shifted window.
 */
class LongRunDriftTest {

    private static final int FEATURES = 53;
    private static final int WINDOW = 300;
    private static final int BASELINE_WINDOWS = 20;

    private static double[] draw(RandomGenerator random, int feature, int n, double shiftInSd) {
        return switch (feature % 4) {
            case 0 -> new NormalDistribution(random, 100 + shiftInSd * 15, 15).sample(n);
            case 1 -> shifted(new LogNormalDistribution(random, 2, 0.5).sample(n), shiftInSd * 4.46);
            case 2 -> shifted(new ExponentialDistribution(random, 3).sample(n), shiftInSd * 3);
            default -> shifted(Arrays.stream(new PoissonDistribution(random, 6, PoissonDistribution.DEFAULT_EPSILON,
                    PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample(n)).asDoubleStream().toArray(),
                    Math.round(shiftInSd * 2.45));
        };
    }

    private static double[] shifted(double[] values, double shift) {
        for (int i = 0; i < values.length; i++) {
            values[i] += shift;
        }
        return values;
    }

    /** Baselines as the retrainer stores them: windows sketched, encoded, decoded and merged. */
    private static List<Sketch> baselines(RandomGenerator random) {
        List<Sketch> baselines = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            List<Sketch> windows = new ArrayList<>();
            for (int w = 0; w < BASELINE_WINDOWS; w++) {
                windows.add(Sketch.of(draw(random, f, WINDOW, 0)));
            }
            baselines.add(Sketch.fromBytes(Sketch.mergeAll(windows).toBytes()));
        }
        return baselines;
    }

    private static DriftDecision check(DriftPolicy policy, List<Sketch> baselines, RandomGenerator random,
                                       int shiftedFeatures, double shiftInSd) {
        List<FeatureDrift> features = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            double[] values = draw(random, f, WINDOW, f < shiftedFeatures ? shiftInSd : 0);
            features.add(policy.assess("f" + f, baselines.get(f), Sketch.of(values)));
        }
        return policy.decide(features);
    }

    @Test
    void stationaryFeaturesNeverConfirmDrift() {
        RandomGenerator random = new Well19937c(7);
        DriftPolicy policy = new DriftPolicy();
        List<Sketch> baselines = baselines(random);
        PersistenceTracker tracker = new PersistenceTracker();
        int[] bySeverity = new int[Severity.values().length];
        int[] featuresBySeverity = new int[Severity.values().length];
        for (int window = 0; window < 150; window++) {
            DriftDecision decision = check(policy, baselines, random, 0, 0);
            assertEquals(FEATURES, decision.assessedFeatures());
            assertFalse(tracker.observe(decision).confirmed(), decision.reasons()::toString);
            bySeverity[decision.severity().ordinal()]++;
            decision.features().forEach(f -> featuresBySeverity[f.severity().ordinal()]++);
        }
        System.out.printf(Locale.ROOT, "150 stationary checks of %d features: checks by severity %s;"
                + " feature verdicts by severity %s%n", FEATURES, Arrays.toString(bySeverity),
                Arrays.toString(featuresBySeverity));
    }

    @Test
    void shiftOfSeveralFeaturesIsConfirmedOnTheSecondWindow() {
        RandomGenerator random = new Well19937c(8);
        DriftPolicy policy = new DriftPolicy();
        List<Sketch> baselines = baselines(random);
        PersistenceTracker tracker = new PersistenceTracker();
        for (int window = 0; window < 5; window++) {
            assertFalse(tracker.observe(check(policy, baselines, random, 0, 0)).confirmed());
        }
        DriftDecision first = check(policy, baselines, random, 8, 0.75);
        assertTrue(first.severity().atLeast(Severity.MEDIUM), first.reasons()::toString);
        assertFalse(tracker.observe(first).confirmed());
        DriftDecision second = check(policy, baselines, random, 8, 0.75);
        Persistence persistence = tracker.observe(second);
        assertTrue(persistence.confirmed(), second.reasons()::toString);
        assertEquals(2, persistence.consecutiveWindows());
        assertTrue(second.driftedShare() >= 6.0 / FEATURES, "most shifted features seen as drifted");
    }
}
