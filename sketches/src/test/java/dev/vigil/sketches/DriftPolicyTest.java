package dev.vigil.sketches;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftPolicyTest {

    private final DriftPolicy policy = new DriftPolicy();

    /** A comparison whose values moved by one baseline IQR: a material shift, so KS and PSI decide. */
    private static DistributionComparison stats(double ks, double psi, long windowCount) {
        return shifted(ks, psi, windowCount, 1.0, DistributionComparison.ScaleSource.IQR);
    }

    private static DistributionComparison shifted(double ks, double psi, long windowCount, double wassersteinScaled,
                                                  DistributionComparison.ScaleSource scaleSource) {
        return new DistributionComparison(10_000, windowCount, ks, psi, wassersteinScaled, wassersteinScaled, 0.0, 0.0,
                1.0, scaleSource);
    }

    @Test
    void weightMovedBetweenCloseValuesInformsButIsNoMaterialShift() {
        // A discrete feature whose two neighbouring values swapped much of their weight: KS 0.9 and a clear
        // test, but the values moved a tenth of an IQR. It stays LOW; the same distances with a material
        // move, or over a constant baseline that has no spread to measure by, are CRITICAL.
        FeatureDrift reshuffled = policy.assess("as_path_max.z", shifted(0.9, 2.0, 1_000, 0.1,
                DistributionComparison.ScaleSource.IQR));
        assertEquals(Severity.LOW, reshuffled.severity());
        assertTrue(reshuffled.reasons().getFirst().contains("below the material shift of 0.25"),
                reshuffled.reasons().toString());
        assertEquals(Severity.CRITICAL, policy.assess("a", shifted(0.9, 2.0, 1_000, 0.3,
                DistributionComparison.ScaleSource.IQR)).severity());
        assertEquals(Severity.CRITICAL, policy.assess("a", shifted(0.9, 2.0, 1_000, 0.1,
                DistributionComparison.ScaleSource.UNIT)).severity());
        DriftPolicy strict = new DriftPolicy(DriftThresholds.defaults().withMinShift(0.5));
        assertEquals(Severity.LOW, strict.assess("a", shifted(0.9, 2.0, 1_000, 0.3,
                DistributionComparison.ScaleSource.IQR)).severity());
    }

    @Test
    void overAConstantBaselineOnlyKsRatesTheShareOfValuesThatMoved() {
        // 8 % of the window off a constant: PSI 0.57 is that share against the empty bins' smoothing, not an effect.
        FeatureDrift burst = policy.assess("as_path_max", shifted(0.08, 0.57, 1_000, 0.08,
                DistributionComparison.ScaleSource.UNIT));
        assertEquals(Severity.NONE, burst.severity(), burst.reasons().toString());
        assertTrue(burst.reasons().getFirst().contains("PSI not rated"), burst.reasons().toString());
        assertEquals(Severity.HIGH, policy.assess("as_path_max", shifted(0.08, 0.57, 1_000, 1,
                DistributionComparison.ScaleSource.IQR)).severity(), "with a spread to measure by, PSI rates");
        assertEquals(Severity.CRITICAL, policy.assess("as_path_max", shifted(0.9, 3.0, 1_000, 1,
                DistributionComparison.ScaleSource.UNIT)).severity(), "most values moved");
    }

    private FeatureDrift feature(String name, double ks, double psi) {
        return policy.assess(name, stats(ks, psi, 1000));
    }

    @Test
    void featureSeverityIsTheWorseOfKsAndPsi() {
        assertEquals(Severity.NONE, feature("a", 0.05, 0.02).severity());
        assertEquals(Severity.LOW, feature("a", 0.12, 0.02).severity());
        assertEquals(Severity.MEDIUM, feature("a", 0.15, 0.3).severity());
        // PSI alone is an effect size, not evidence: a KS of 0.05 at these counts is sampling noise.
        assertEquals(Severity.NONE, feature("a", 0.05, 0.3).severity());
        assertEquals(Severity.HIGH, feature("a", 0.35, 0.3).severity());
        assertEquals(Severity.CRITICAL, feature("a", 0.1, 1.2).severity());
        FeatureDrift drift = feature("bytes", 0.21, 0.05);
        assertTrue(drift.assessed());
        assertTrue(drift.reasons().getFirst().contains("bytes: MEDIUM"), drift.reasons().toString());
        assertTrue(drift.reasons().getFirst().contains("KS 0.210"), drift.reasons().toString());
    }

    @Test
    void tooFewValuesGiveNoDecisionAndSaySo() {
        FeatureDrift drift = policy.assess("rare", stats(0.9, 5, 57));
        assertFalse(drift.assessed());
        assertEquals(Severity.NONE, drift.severity());
        assertTrue(drift.reasons().getFirst().contains("57 values in the window, below the minimum of 200"));

        DriftDecision decision = policy.decide(List.of(drift));
        assertFalse(decision.decided());
        assertEquals(Severity.NONE, decision.severity());
        assertTrue(decision.reasons().stream().anyMatch(r -> r.contains("not enough data")), decision.reasons().toString());
    }

    @Test
    void oneDriftingFeatureAmongManyInformsButCannotConfirm() {
        List<FeatureDrift> features = cleanFeatures(52);
        features.add(feature("worst", 0.35, 0.6));
        DriftDecision decision = policy.decide(features);
        assertTrue(decision.decided());
        // HIGH alone: one level lower, capped at LOW, below the confirming MEDIUM.
        assertEquals(Severity.LOW, decision.severity());
        assertEquals("worst", decision.worstFeature());
        assertEquals(53, decision.assessedFeatures());
        assertEquals(1.0 / 53, decision.driftedShare(), 1e-12);
    }

    @Test
    void broadDriftCountsInFull() {
        List<FeatureDrift> five = cleanFeatures(48);
        for (int i = 0; i < 5; i++) {
            five.add(feature("m" + i, 0.25, 0.1));
        }
        assertEquals(Severity.LOW, policy.decide(five).severity(), "5 of 53 is under 10%");

        List<FeatureDrift> six = cleanFeatures(47);
        for (int i = 0; i < 6; i++) {
            six.add(feature("m" + i, 0.25, 0.1));
        }
        DriftDecision decision = policy.decide(six);
        assertEquals(Severity.MEDIUM, decision.severity(), "6 of 53 reach 10%");
        assertEquals(6.0 / 53, decision.driftedShare(), 1e-12);
    }

    @Test
    void singleFeatureModelTakesItsSeverity() {
        assertEquals(Severity.HIGH, policy.decide(List.of(feature("only", 0.32, 0.1))).severity());
    }

    @Test
    void unassessedFeaturesAreLeftOutOfTheShare() {
        List<FeatureDrift> features = new ArrayList<>();
        features.add(feature("drifting", 0.25, 0.3));
        for (int i = 0; i < 20; i++) {
            features.add(policy.assess("sparse" + i, stats(0.01, 0.01, 10)));
        }
        DriftDecision decision = policy.decide(features);
        assertEquals(1, decision.assessedFeatures());
        assertEquals(Severity.MEDIUM, decision.severity());
        assertTrue(decision.reasons().stream().anyMatch(r -> r.contains("20 of 21 features had too few values")));
    }

    @Test
    void scoreAlertRateAndLabelsRaiseTheCheckWithoutFeatureDrift() {
        List<FeatureDrift> clean = cleanFeatures(10);
        assertEquals(Severity.NONE, policy.decide(clean).severity());
        assertNull(policy.decide(clean).worstFeature());

        FeatureDrift score = policy.assess("score", stats(0.31, 0.2, 1000));
        assertEquals(Severity.HIGH, policy.decide(clean, score, null, null).severity());

        AlertRateChange alerts = AlertRateCheck.defaults().assess(60, 1000, 0.02);
        assertEquals(Severity.HIGH, policy.decide(clean, null, alerts, null).severity());

        PerformanceDrift labels = PerformanceCheck.defaults().assess(new ConfusionCounts(40, 20, 900, 60),
                ExpectedPerformance.fromValidation(Map.of("precision", 0.8, "recall", 0.75, "fpr", 0.02)));
        DriftDecision decision = policy.decide(clean, null, null, labels);
        assertEquals(Severity.CRITICAL, decision.severity());
        assertTrue(decision.reasons().stream().anyMatch(r -> r.contains("performance against labels: CRITICAL")),
                decision.reasons().toString());
    }

    @Test
    void thresholdsMustBeAscending() {
        assertThrows(IllegalArgumentException.class, () -> new SeverityThresholds(0.2, 0.1, 0.3, 0.4));
        assertThrows(IllegalArgumentException.class, () -> DriftThresholds.defaults().withBroadShare(0));
    }

    @Test
    void customThresholdsApply() {
        DriftPolicy strict = new DriftPolicy(DriftThresholds.defaults()
                .withKs(new SeverityThresholds(0.05, 0.08, 0.1, 0.2)).withMinWindowCount(50));
        assertEquals(Severity.MEDIUM, strict.assess("a", stats(0.09, 0.0, 5_000)).severity());
    }

    @Test
    void aDifferenceWithinSamplingNoiseCountsForNothing() {
        // KS 0.25 is a MEDIUM effect, but between 250 and 10,000 values the 1% critical value is about 0.10:
        // significant for independent values, noise once a design effect of 20 leaves 12 effective values.
        FeatureDrift independent = policy.assess("a", stats(0.25, 0.0, 250), 1);
        FeatureDrift correlated = policy.assess("a", stats(0.25, 0.0, 250), 20);
        assertEquals(Severity.MEDIUM, independent.severity());
        assertEquals(Severity.NONE, correlated.severity());
        assertEquals(Severity.MEDIUM, correlated.effect());
        assertEquals(12.5, correlated.significance().effectiveWindow(), 1e-9);
        assertTrue(correlated.significance().ksCritical() > 0.25, correlated.reasons().toString());
        assertTrue(correlated.reasons().getFirst().contains("within sampling noise"), correlated.reasons().toString());
    }

    @Test
    void noDesignEffectMeansNoDecision() {
        FeatureDrift drift = policy.assess("a", stats(0.5, 1.0, 1_000), Double.NaN);
        assertFalse(drift.assessed());
        assertEquals(Severity.NONE, drift.severity());
    }

    @Test
    void benjaminiHochbergKeepsOnlyFeaturesThatStandOutAmongMany() {
        // 53 features: one strongly significant, one with p about 0.003 (significant alone at 0.01), 51 clean.
        // Among 53 the second one would need p below 2 q / 53 = 0.00038: it is no discovery.
        DriftPolicy policy = new DriftPolicy(DriftThresholds.defaults().withMinWindowCount(50));
        List<FeatureDrift> features = new ArrayList<>();
        features.add(policy.assess("strong", stats(0.4, 0.0, 1_000), 1));
        features.add(policy.assess("borderline", stats(0.2, 0.0, 90), 1));
        for (int i = 0; i < 51; i++) {
            features.add(policy.assess("f" + i, stats(0.03, 0.0, 1_000), 1));
        }
        double p = features.get(1).significance().pValue();
        assertTrue(p < 0.01 && p > 2 * 0.01 / 53, "p " + p);
        assertEquals(Severity.MEDIUM, features.get(1).severity());
        DriftDecision decision = policy.decide(features);
        assertEquals(Severity.HIGH, decision.features().getFirst().severity());
        assertEquals(Severity.NONE, decision.features().get(1).severity());
        assertTrue(decision.features().get(1).reasons().getFirst().contains("Benjamini-Hochberg"));
        // One feature at HIGH alone: the check reaches only LOW.
        assertEquals(Severity.LOW, decision.severity());
    }

    @Test
    void aWiderSpreadAroundTheSameLevelIsSeenByTheSpreadTest() {
        // Strongly autocorrelated values (level design effect 20): 250 values count as 12, too few for KS to
        // call a spread three times as wide significant, and the level test sees no change of level. Against
        // reference windows whose variance is 1 and strays as sampling theory says, the window's variance of
        // 9 is a spread z of about 18.
        java.util.Random random = new java.util.Random(11);
        Sketch baseline = new Sketch();
        Sketch wide = new Sketch();
        Sketch same = new Sketch();
        for (int i = 0; i < 10_000; i++) {
            baseline.add(random.nextGaussian());
        }
        for (int i = 0; i < 250; i++) {
            wide.add(3 * random.nextGaussian());
            same.add(random.nextGaussian());
        }
        SpreadReference reference = new SpreadReference(0, 1);
        FeatureDrift withoutSpreadTest = policy.assess("latency", baseline, wide, 20);
        FeatureDrift withSpreadTest = policy.assess("latency", baseline, wide, 20, reference);
        assertEquals(Severity.NONE, withoutSpreadTest.severity(), withoutSpreadTest.reasons().toString());
        assertTrue(withSpreadTest.severity().atLeast(Severity.MEDIUM), withSpreadTest.reasons().toString());
        assertTrue(withSpreadTest.significance().spreadZ() > 10, withSpreadTest.reasons().toString());
        assertTrue(withSpreadTest.reasons().getFirst().contains("spread z +"), withSpreadTest.reasons().toString());
        // The same spread as the reference's is no change, and reference windows whose spread strays forty-five
        // times as much as sampling theory says (spread design effect 2,000) makes even the wide window no
        // evidence.
        assertEquals(Severity.NONE, policy.assess("latency", baseline, same, 20, reference).severity());
        assertEquals(Severity.NONE, policy.assess("latency", baseline, wide, 20, new SpreadReference(0, 2_000))
                .severity());
    }

    private List<FeatureDrift> cleanFeatures(int n) {
        List<FeatureDrift> features = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            features.add(feature("f" + i, 0.03, 0.01));
        }
        return features;
    }
}
