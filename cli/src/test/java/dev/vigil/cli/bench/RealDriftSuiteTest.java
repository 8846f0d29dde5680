package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RealDriftSuiteTest {
    private static final long MINUTE = 60_000;

    /** Eight days of 1-minute rows of three features, each with a daily cycle of 2 SD and noise. */
    private static RealDriftSuite.Series cyclic(long seed) {
        Random random = new Random(seed);
        int rows = 8 * 24 * 60;
        long[] times = new long[rows];
        double[][] values = new double[rows][];
        for (int i = 0; i < rows; i++) {
            times[i] = i * MINUTE;
            double cycle = 2 * Math.sin(2 * Math.PI * i / (24 * 60.0));
            values[i] = new double[] {10 + cycle + random.nextGaussian(), 5 + random.nextGaussian(),
                    20 - cycle + random.nextGaussian()};
        }
        return new RealDriftSuite.Series("test", "cyclic", false, List.of("a", "b", "c"), times, values, 60 * MINUTE);
    }

    @Test
    void aDailyCycleIsNoDriftAndAnInjectedLevelShiftIsConfirmedWithinThreeWindows() {
        // The shift comes at 60 % of eight days, once four same-hour windows estimate the day-to-day spread.
        RealDriftSuite.Series series = cyclic(5);
        RealDriftSuite.Run stationary = RealDriftSuite.run(series, RealDriftSuite.Shift.NONE,
                RealDriftSuite.configuration()).orElseThrow();
        assertEquals(0, stationary.confirmedEpisodes(), stationary.toString());
        assertEquals(192, stationary.windowsChecked());
        assertTrue(stationary.references().stream().anyMatch(r -> r.startsWith("seasonal")), stationary.toString());

        RealDriftSuite.Run level = RealDriftSuite.run(series, RealDriftSuite.Shift.LEVEL,
                RealDriftSuite.configuration()).orElseThrow();
        assertEquals(0, level.confirmationsBeforeShift(), level.toString());
        assertNotNull(level.detectionDelayWindows(), level.toString());
        assertTrue(level.detectionDelayWindows() <= RealDriftSuite.DETECTION_WINDOWS, level.toString());
        assertTrue(RealDriftSuite.detectedInTime(level));
    }

    @Test
    void injectionChangesEveryThirdFeatureFromTheShiftOnly() {
        RealDriftSuite.Series series = cyclic(6);
        long shiftAt = 3 * 24 * 60 * MINUTE;
        double[][] shifted = RealDriftSuite.inject(series, RealDriftSuite.Shift.LEVEL, shiftAt);
        int before = (int) (shiftAt / MINUTE) - 1;
        int after = before + 2;
        assertEquals(series.rows()[before][0], shifted[before][0]);
        assertTrue(shifted[after][0] - series.rows()[after][0] > 2, "three robust SDs of feature a");
        assertEquals(series.rows()[after][1], shifted[after][1], "feature b is not one of every third");
    }

    @Test
    void windowHoldsSixtyValuesAtTheMedianSpacing() {
        long[] fiveMinutes = new long[100];
        for (int i = 0; i < fiveMinutes.length; i++) {
            fiveMinutes[i] = i * 5 * MINUTE;
        }
        assertEquals(6 * 60 * MINUTE, RealDriftSuite.windowFor(fiveMinutes));
    }
}
