package dev.vigil.sketches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DesignEffectTest {

    /** Windows of n values of an AR(1) series with lag-1 correlation rho, cut one after another. */
    private static List<WindowSummary> ar1Windows(int windows, int n, double rho, double seasonAmplitude, long seed) {
        Random random = new Random(seed);
        List<WindowSummary> out = new ArrayList<>();
        double x = 0;
        for (int w = 0; w < windows; w++) {
            double season = seasonAmplitude * Math.sin(2 * Math.PI * w / 24.0);
            Sketch sketch = new Sketch();
            for (int i = 0; i < n; i++) {
                x = rho * x + Math.sqrt(1 - rho * rho) * random.nextGaussian();
                sketch.add(x + season);
            }
            out.add(WindowSummary.of(sketch));
        }
        return out;
    }

    @Test
    void independentValuesHaveADesignEffectNearOne() {
        double deff = DesignEffect.between(ar1Windows(48, 200, 0, 0, 1));
        assertTrue(deff < 1.6, "deff " + deff);
        assertEquals(1, DesignEffect.successive(ar1Windows(48, 200, 0, 0, 2)), 0.6);
    }

    @Test
    void autocorrelatedValuesCountForFewer() {
        // AR(1) with rho 0.9: the variance of a window mean is about (1 + rho) / (1 - rho) = 19 times larger.
        double deff = DesignEffect.between(ar1Windows(96, 200, 0.9, 0, 3));
        assertTrue(deff > 8 && deff < 40, "deff " + deff);
    }

    @Test
    void aSeasonalSwingInflatesTheBetweenEstimateButHardlyTheSuccessiveOne() {
        List<WindowSummary> windows = ar1Windows(96, 200, 0, 1.0, 4);
        double between = DesignEffect.between(windows);
        double successive = DesignEffect.successive(windows);
        assertTrue(between > 50, "between " + between);
        assertTrue(successive < between / 5, "successive " + successive + " vs between " + between);
    }

    @Test
    void aShiftedWindowInTheReferenceDoesNotHideTheShift() {
        List<WindowSummary> windows = new ArrayList<>(ar1Windows(11, 200, 0, 0, 6));
        windows.add(new WindowSummary(200, 1.5, 1));
        assertTrue(DesignEffect.between(windows) < 2, "between " + DesignEffect.between(windows));
        assertTrue(DesignEffect.successive(windows) < 2, "successive " + DesignEffect.successive(windows));
    }

    @Test
    void tooFewWindowsGiveNoEstimate() {
        assertTrue(Double.isNaN(DesignEffect.between(ar1Windows(DesignEffect.MIN_WINDOWS - 1, 100, 0, 0, 5))));
        assertTrue(Double.isNaN(DesignEffect.successive(List.of())));
    }

    @Test
    void meanAndVarianceComeFromTheSketch() {
        Sketch sketch = Sketch.of(1, 2, 3, 4, 5);
        assertEquals(3, sketch.mean(), 1e-12);
        assertEquals(2.5, sketch.variance(), 1e-12);
        assertTrue(Double.isNaN(new Sketch().mean()));
    }

    /** Windows of n independent values: normal, or heavy-tailed (a normal value, times 8 in one draw of 50). */
    private static List<WindowSummary> spreadWindows(int windows, int n, boolean spiky, long seed) {
        Random random = new Random(seed);
        List<WindowSummary> out = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            Sketch sketch = new Sketch();
            for (int i = 0; i < n; i++) {
                sketch.add(random.nextGaussian() * (spiky && random.nextInt(50) == 0 ? 8 : 1));
            }
            out.add(WindowSummary.of(sketch));
        }
        return out;
    }

    @Test
    void theSpreadOfNormalWindowsStraysAsSamplingTheorySays() {
        // A median of chi-squared values is itself noisy: over 48 windows it ranges from 1 to about 2.5 from one
        // seed to the next (conservative: the test then asks for more), so this takes 400.
        SpreadReference between = DesignEffect.spreadBetween(spreadWindows(400, 200, false, 7));
        SpreadReference successive = DesignEffect.spreadSuccessive(spreadWindows(400, 200, false, 8));
        assertEquals(0, between.logVariance(), 0.05); // variance 1
        assertTrue(between.designEffect() < 1.4, "spread design effect " + between.designEffect());
        assertTrue(successive.designEffect() < 1.4, "spread design effect " + successive.designEffect());
    }

    @Test
    void heavyTailsMakeTheSpreadNoisierThanSamplingTheorySays() {
        // A window's variance then hangs on how many spikes it drew: its log swings several times more.
        SpreadReference spiky = DesignEffect.spreadBetween(spreadWindows(400, 200, true, 9));
        assertTrue(spiky.designEffect() > 3, "spread design effect " + spiky.designEffect());
    }

    @Test
    void windowsWithoutSpreadGiveNoSpreadReference() {
        List<WindowSummary> constant = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            constant.add(new WindowSummary(100, 5, 0));
        }
        assertTrue(!DesignEffect.spreadBetween(constant).known());
        assertTrue(!DesignEffect.spreadSuccessive(constant.subList(0, 3)).known());
    }
}
