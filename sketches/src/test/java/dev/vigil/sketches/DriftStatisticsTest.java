package dev.vigil.sketches;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftStatisticsTest {

    @Test
    void identicalSketchesAreAtDistanceZero() {
        Sketch sketch = Sketch.of(new NormalDistribution(new Well19937c(1), 5, 2).sample(5000));
        DistributionComparison same = DriftStatistics.compare(sketch, sketch.copy());
        assertEquals(0, same.ks(), 1e-12);
        assertEquals(0, same.psi(), 1e-12);
        assertEquals(0, same.wasserstein(), 1e-12);
        assertEquals(0, same.medianShift(), 1e-12);
        assertEquals(5000, same.baselineCount());
        assertEquals(5000, same.windowCount());
    }

    @Test
    void shiftsAreMeasuredInBaselineIqrs() {
        Well19937c random = new Well19937c(2);
        Sketch baseline = Sketch.of(new NormalDistribution(random, 0, 1).sample(50_000));
        Sketch window = Sketch.of(new NormalDistribution(random, 1, 1).sample(50_000));
        DistributionComparison c = DriftStatistics.compare(baseline, window);
        double iqr = 1.349;
        assertEquals(DistributionComparison.ScaleSource.IQR, c.scaleSource());
        assertEquals(iqr, c.scale(), 0.03);
        assertEquals(1 / iqr, c.medianShift(), 0.03);
        assertEquals(1 / iqr, c.p95Shift(), 0.05);
        assertEquals(1, c.wasserstein(), 0.03);
        assertEquals(1 / iqr, c.wassersteinScaled(), 0.03);
        assertEquals(2 * new NormalDistribution(0, 1).cumulativeProbability(0.5) - 1, c.ks(), 0.015);
    }

    @Test
    void zeroIqrFallsBackToTheCentralRange() {
        double[] mostlyZero = new double[1000];
        for (int i = 0; i < 1000; i++) {
            mostlyZero[i] = i < 900 ? 0 : 1;
        }
        DistributionComparison c = DriftStatistics.compare(Sketch.of(mostlyZero), Sketch.of(1, 1, 1, 0));
        assertEquals(DistributionComparison.ScaleSource.CENTRAL_RANGE, c.scaleSource());
        assertEquals(DriftStatistics.IQR_PER_CENTRAL_90_RANGE, c.scale(), 1e-12);
        assertTrue(Double.isFinite(c.medianShift()));
        assertEquals(1 / DriftStatistics.IQR_PER_CENTRAL_90_RANGE, c.medianShift(), 1e-9);
    }

    @Test
    void constantBaselineUsesUnits() {
        double[] flat = new double[300];
        Arrays.fill(flat, 45);
        double[] moved = new double[300];
        Arrays.fill(moved, 47);
        DistributionComparison c = DriftStatistics.compare(Sketch.of(flat), Sketch.of(moved));
        assertEquals(DistributionComparison.ScaleSource.UNIT, c.scaleSource());
        assertEquals(2, c.medianShift(), 1e-12);
        assertEquals(1, c.ks(), 1e-12);
        assertEquals(2, c.wasserstein(), 1e-9);
        DistributionComparison same = DriftStatistics.compare(Sketch.of(flat), Sketch.of(flat));
        assertEquals(0, same.ks(), 1e-12);
        assertEquals(0, same.psi(), 1e-12);
    }

    @Test
    void emptyBinsUseTheEpsilonFloor() {
        double[] baseline = new double[1000];
        for (int i = 0; i < 1000; i++) {
            baseline[i] = i;
        }
        double[] topDecile = Arrays.copyOfRange(baseline, 900, 1000);
        double psi = DriftStatistics.compare(Sketch.of(baseline), Sketch.of(topDecile)).psi();
        // nine bins empty (share floored at epsilon) and one bin holding everything
        double eps = DriftStatistics.DEFAULT_PSI_EPSILON;
        double expected = 9 * (eps - 0.1) * Math.log(eps / 0.1) + (1 - 0.1) * Math.log(1 / 0.1);
        assertEquals(expected, psi, 0.05);
        assertEquals(ExactStatistics.psi(baseline, topDecile, 10, eps), psi, 0.05);
    }

    @Test
    void emptySideGivesUndefinedStatistics() {
        DistributionComparison c = DriftStatistics.compare(Sketch.of(1, 2, 3), new Sketch());
        assertFalse(c.defined());
        assertEquals(3, c.baselineCount());
        assertEquals(0, c.windowCount());
        assertTrue(Double.isNaN(c.psi()));
    }

    @Test
    void integralOfAbsoluteLinearHandlesSignChange() {
        assertEquals(1.5, DriftStatistics.integralOfAbsLinear(1, 2, 1), 1e-12);
        assertEquals(0.5, DriftStatistics.integralOfAbsLinear(-1, 1, 1), 1e-12);
        assertEquals((1 * 1 + 3 * 3) / 8.0 * 2, DriftStatistics.integralOfAbsLinear(-1, 3, 2), 1e-12);
    }
}
