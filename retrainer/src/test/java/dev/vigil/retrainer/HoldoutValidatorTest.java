package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.testing.SyntheticData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutValidatorTest {
    final SyntheticData generator = new SyntheticData(8, 3);
    final TrainingSet train = generator.generate(10, 100, 0.0, 1);
    final AnomalyModel model = Trainers.train("rules", train, Map.of());

    @Test
    void aHoldoutLikeTheTrainingDataIsSaneAndLabelMetricsComeFromItsLabels() {
        TrainingSet holdout = generator.generate(10, 50, 0.05, 2);
        ValidationReport report = new HoldoutValidator(5.0).validate(model, model, holdout);
        assertTrue(report.sanityProblems().isEmpty(), report.sanityProblems().toString());
        assertTrue(report.labelled());
        assertTrue(report.candidate().prAuc() > 0.5, "injected anomalies rank above normal windows");
        assertEquals(report.candidate().prAuc(), report.production().prAuc(), 1e-12, "the same model scores the same");
        assertEquals(1.0, report.asMap().get("sane"));
        assertTrue(report.asMap().containsKey("production_pr_auc"));
    }

    @Test
    void aThresholdThatAlertsOnMuchOfANormalHoldoutIsInsane() {
        // The holdout comes from a shifted process: every feature moved far from what the model learnt.
        TrainingSet shifted = new SyntheticData(8, 99).generate(10, 50, 0.0, 2);
        ValidationReport report = new HoldoutValidator(5.0).validate(model, null, shifted);
        assertFalse(report.sanityProblems().isEmpty());
        assertTrue(report.sanityProblems().getFirst().contains("alert rate"), report.sanityProblems().toString());
        assertNull(report.production());
        assertFalse(report.labelled(), "a holdout without anomalies cannot give label metrics");
    }

    @Test
    void aFewAlertsInASmallHoldoutAreSamplingNoiseNotAnInsaneThreshold() {
        // 3 alerts in 170 normal windows is 1.8 %, above 3 x a 0.5 % target, but a sane threshold does that in
        // one holdout of 18; 6 alerts happen once in a few thousand holdouts.
        HoldoutValidator.NormalAlerts three = new HoldoutValidator.NormalAlerts(170, 3);
        HoldoutValidator.NormalAlerts six = new HoldoutValidator.NormalAlerts(170, 6);
        assertEquals(0.055, three.chanceAt(0.005), 0.002);
        assertTrue(three.chanceAt(0.005) > HoldoutValidator.CHANCE_LEVEL);
        assertTrue(six.chanceAt(0.005) < 0.001, "chance " + six.chanceAt(0.005));
        assertEquals(1, new HoldoutValidator.NormalAlerts(170, 0).chanceAt(0.005));
        // A large holdout leaves no room for chance: 1.6 % of 10,000 windows is far beyond a 0.5 % target.
        assertTrue(new HoldoutValidator.NormalAlerts(10_000, 160).chanceAt(0.005) < 1e-12);
    }

    /** Eight entities, each at its own level with a slow cycle: what a window holds is told by the windows before it. */
    static TrainingSet levelsPerEntity(int windows) {
        java.util.Random random = new java.util.Random(5);
        int entities = 8;
        double[][] features = new double[windows * entities][];
        String[] names = new String[features.length];
        long[] starts = new long[features.length];
        for (int t = 0; t < windows; t++) {
            for (int e = 0; e < entities; e++) {
                int row = t * entities + e;
                features[row] = new double[] {20 + 10 * e + 2 * Math.sin(t / 8.0) + 0.2 * random.nextGaussian(), random.nextGaussian()};
                names[row] = "service:" + e;
                starts[row] = t * 300_000L;
            }
        }
        return new TrainingSet(features, java.util.List.of("count", "noise"), new int[features.length], names, starts);
    }

    @Test
    void aSequenceModelIsValidatedWithTheWindowsBeforeTheHoldoutAsHistory() {
        TrainingSet all = levelsPerEntity(200);
        int holdoutFrom = 150 * 8;
        TrainingSet train = all.subset(java.util.stream.IntStream.range(0, holdoutFrom).toArray());
        TrainingSet holdout = all.subset(java.util.stream.IntStream.range(holdoutFrom, all.size()).toArray());
        AnomalyModel forecaster = Trainers.train("forecaster", train, Map.of("targetFpr", "0.005"));

        ValidationReport withHistory = new HoldoutValidator(3.0).validate(forecaster, forecaster, all, holdoutFrom);
        assertTrue(withHistory.sanityProblems().isEmpty(), withHistory.sanityProblems().toString());
        assertEquals(holdout.size(), withHistory.candidate().samples(), "only the holdout rows are judged");

        // Scored on the holdout alone, the entities' first holdout windows have no history (the forecast is the
        // training mean, far from most entities' levels): flagged, and the model refused for it.
        ValidationReport alone = new HoldoutValidator(3.0).validate(forecaster, null, holdout);
        assertTrue(alone.candidate().alertRate() >= 6.0 / holdout.size(), "alert rate " + alone.candidate().alertRate());
        assertFalse(alone.sanityProblems().isEmpty());
        assertTrue(withHistory.candidate().alertRate() < 3.0 / holdout.size(), "alert rate " + withHistory.candidate().alertRate());
    }

    static double[][] normalRows(java.util.Random random, int n, double mean) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {mean + random.nextGaussian(), random.nextGaussian()};
        }
        return rows;
    }

    static TrainingSet rows(double[][]... parts) {
        return TrainingSet.of(java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(double[][]::new),
                java.util.List.of("level", "noise"));
    }

    @Test
    void aCandidateThatAlertsTooOftenIsRefusedEvenWhenProductionAlertsMoreAndBothRatesAreReported() {
        java.util.Random random = new java.util.Random(9);
        double[][] before = normalRows(random, 600, 0);
        // The regime changed: the level moved by three SDs. The retrain has seen a little of the new regime.
        TrainingSet newRegime = rows(normalRows(random, 200, 3));
        AnomalyModel production = Trainers.train("rules", rows(before), Map.of("targetFpr", "0.005"));
        AnomalyModel candidate = Trainers.train("rules", rows(before, normalRows(random, 25, 3)), Map.of("targetFpr", "0.005"));

        ValidationReport report = new HoldoutValidator(3.0).validate(candidate, production, newRegime);
        assertTrue(report.production().alertRate() > report.candidate().alertRate(),
                report.production().alertRate() + " vs " + report.candidate().alertRate());
        assertFalse(report.sanityProblems().isEmpty(), "alert rate " + report.candidate().alertRate());
        String reason = new PromotionPolicy(RetrainerSettings.Promotion.SHADOW, 0.02, java.time.Duration.ofMinutes(1))
                .decide(new ValidationReport(report.candidate(), report.production(), false, List.of(), 1, 0.5, 0.9), true).reason();
        assertTrue(reason.contains("vs production's alert rate"), reason);
    }
}
