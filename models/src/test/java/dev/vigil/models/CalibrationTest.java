package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalibrationTest {

    /** Held-out normal windows of new entities: the share flagged should be close to the target rate. */
    @ParameterizedTest
    @ValueSource(strings = {"isolation-forest", "forecaster", "rules"})
    void falsePositiveRateOnHeldOutNormalDataIsNearTarget(String algorithm) {
        TrainingSet train = SyntheticFixture.GENERATOR.generate(60, 200, 0.0, 11);
        TrainingSet heldOut = SyntheticFixture.GENERATOR.generate(200, 100, 0.0, 12);
        for (double target : new double[]{0.01, 0.05}) {
            AnomalyModel model = Trainers.train(algorithm, train, Map.of(Params.TARGET_FPR, Double.toString(target)));
            double fpr = Validation.evaluate(model, heldOut).falsePositiveRate();
            System.out.printf("calibration %s target %.3f held-out FPR %.4f%n", algorithm, target, fpr);
            assertTrue(fpr >= target * 0.5 && fpr <= target * 1.6, algorithm + " FPR " + fpr + " for target " + target);
            assertEquals(target, model.targetFalsePositiveRate());
        }
    }

    @Test
    void thresholdMapsToOneHalfAndTheMapIsMonotoneIntoUnitInterval() {
        Random random = new Random(5);
        double[] scores = new double[10_000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.exp(random.nextGaussian());
        }
        ScoreCalibration calibration = ScoreCalibration.fromNormalScores(scores, 0.01);
        long above = java.util.Arrays.stream(scores).filter(calibration::anomalous).count();
        assertTrue(above <= 100 && above >= 90, "training alerts " + above);
        assertEquals(0.5, calibration.calibrate(calibration.threshold()));
        assertFalse(calibration.anomalous(calibration.threshold()));
        double previous = -1;
        for (double raw = -1; raw < 100; raw += 0.01) {
            double c = calibration.calibrate(raw);
            assertTrue(c >= 0 && c <= 1, "out of range " + c);
            assertTrue(c >= previous, "not monotone at " + raw);
            assertEquals(calibration.anomalous(raw), c > 0.5, "side of 0.5 disagrees with the threshold at " + raw);
            previous = c;
        }
        assertTrue(calibration.calibrate(1e9) > 0.99);
        assertEquals(0.0, calibration.calibrate(-5));
        assertTrue(Double.isNaN(calibration.calibrate(Double.NaN)));
    }

    @Test
    void medianNormalScoreCalibratesToAboutAQuarter() {
        double[] scores = new double[1000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i;
        }
        ScoreCalibration calibration = ScoreCalibration.fromNormalScores(scores, 0.01);
        assertEquals(0.25, calibration.calibrate(495), 0.01);
    }

    @Test
    void probabilityCalibrationIsLinearOnEachSide() {
        ScoreCalibration calibration = ScoreCalibration.forProbability(0.2);
        assertEquals(0.25, calibration.calibrate(0.1), 1e-12);
        assertEquals(0.5, calibration.calibrate(0.2), 1e-12);
        assertEquals(0.75, calibration.calibrate(0.6), 1e-9);
        assertEquals(1.0, calibration.calibrate(1.0), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ScoreCalibration.forProbability(1.0));
    }

    @Test
    void constantTrainingScoresStillGiveAUsableThreshold() {
        ScoreCalibration calibration = ScoreCalibration.fromNormalScores(new double[]{2, 2, 2, 2}, 0.01);
        assertEquals(2, calibration.threshold());
        assertEquals(0.5, calibration.calibrate(2));
        assertEquals(0.0, calibration.calibrate(1));
        assertTrue(calibration.calibrate(3) > 0.5);
    }
}
