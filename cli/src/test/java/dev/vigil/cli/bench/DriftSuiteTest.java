package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.models.Algorithms;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftSuiteTest {
    private static final DriftSuite.Options SHORT = new DriftSuite.Options(30, 250, 16, 2, 0.03, 6, 8, 6, 4,
            Algorithms.ISOLATION_FOREST);

    @Test
    void streamIsRepeatableAndShiftsOnlyFromTheShiftWindow() {
        List<DriftStream.Window> a = new DriftStream(3, 250, 10, 2, 0.03).windows(0, 14);
        List<DriftStream.Window> b = new DriftStream(3, 250, 10, 2, 0.03).windows(0, 14);
        assertArrayEquals(a.get(12).vectors()[17], b.get(12).vectors()[17]);
        assertEquals(0, meanOfFirstFeature(a.get(9)) - meanOfFirstFeature(a.get(0)), 0.5);
        // Feature 0 has spread 2 and moves by 1.5 spreads once the two-window ramp is over.
        assertEquals(3.0, meanOfFirstFeature(a.get(13)) - meanOfFirstFeature(a.get(0)), 0.6);
    }

    @Test
    void driftTriggeredLoopConfirmsTheShiftQuicklyAndKeepsFalsePositivesDown() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        DriftSuite.Report report = DriftSuite.run(11, SHORT, new PrintStream(text, true));
        DriftSuite.StrategyFigures frozen = report.strategies().get(0);
        DriftSuite.StrategyFigures triggered = report.strategies().get(2);

        assertEquals("drift-triggered", triggered.strategy());
        assertNotNull(triggered.detectionDelayWindows(), text.toString());
        assertTrue(triggered.detectionDelayWindows() <= 4, text.toString());
        assertEquals(0, triggered.confirmationsBeforeShift(), text.toString());
        assertTrue(triggered.retrains() >= 1);
        assertNull(frozen.detectionDelayWindows());
        assertEquals(0, frozen.retrains());
        // Before the shift all three share the same first model and are close to its calibrated rate.
        assertEquals(frozen.falsePositiveRateBefore(), triggered.falsePositiveRateBefore(), 1e-12);
        assertTrue(frozen.falsePositiveRateBefore() < 0.03, text.toString());
        // After it the frozen model flags much of the new normal; the retrained loop does not.
        assertTrue(frozen.falsePositiveRateAfter() > 0.05, text.toString());
        assertTrue(triggered.falsePositiveRateAfter() < frozen.falsePositiveRateAfter() / 2, text.toString());
        assertTrue(triggered.f1After() > frozen.f1After(), text.toString());
        // Once retrained after the drift, the loop is back near its pre-shift false-positive rate.
        assertTrue(triggered.falsePositiveRateAfterRetrain() <= 1.2 * triggered.falsePositiveRateBefore() + 0.005,
                text.toString());
        assertTrue(text.toString().contains("FPR after the post-drift retrain"));
        assertEquals(report.blocks().size(), triggered.f1PerBlock().size());
        assertTrue(text.toString().contains("drift detection delay"));
    }

    private static double meanOfFirstFeature(DriftStream.Window w) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < w.vectors().length; i++) {
            if (!w.anomalous()[i]) {
                sum += w.vectors()[i][0];
                n++;
            }
        }
        return sum / n;
    }
}
