package dev.vigil.sketches;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistributionCurveTest {

    @Test
    void tiedCountsBecomeExactSteps() {
        int[] counts = new PoissonDistribution(new Well19937c(1), 3, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample(30_000);
        double[] values = Arrays.stream(counts).asDoubleStream().toArray();
        DistributionCurve curve = Sketch.of(values).curve();
        double[] sorted = ExactStatistics.sorted(values);

        assertTrue(curve.isDiscrete());
        for (int k = 0; k <= 8; k++) {
            assertEquals(ExactStatistics.ecdf(sorted, k), curve.cdf(k), 0.002, "P(X <= " + k + ")");
            assertEquals(ExactStatistics.ecdf(sorted, k - 1), curve.cdfBefore(k), 0.002, "P(X < " + k + ")");
            assertEquals(curve.cdf(k), curve.cdf(k + 0.7), 1e-12, "flat between integers");
        }
        assertEquals(ExactStatistics.quantile(sorted, 0.5), curve.quantile(0.5));
        assertEquals(ExactStatistics.quantile(sorted, 0.95), curve.quantile(0.95));
    }

    @Test
    void continuousCurveIsMonotoneAndInvertible() {
        double[] values = new ExponentialDistribution(new Well19937c(2), 1).sample(10_000);
        DistributionCurve curve = Sketch.of(values).curve();
        assertFalse(curve.isDiscrete());
        double previous = 0;
        for (double x = 0; x < 10; x += 0.01) {
            double p = curve.cdf(x);
            assertTrue(p >= previous, "monotone at " + x);
            previous = p;
        }
        for (double p = 0.01; p < 1; p += 0.01) {
            assertEquals(p, curve.cdf(curve.quantile(p)), 1e-9, "cdf(quantile(p)) at " + p);
        }
    }

    @Test
    void repeatedValueInContinuousDataIsAJump() {
        double[] values = new double[10_000];
        Well19937c random = new Well19937c(3);
        for (int i = 0; i < values.length; i++) {
            // 30% exact zeros (e.g. requests without payload), the rest continuous
            values[i] = i % 10 < 3 ? 0 : random.nextDouble() * 100;
        }
        DistributionCurve curve = Sketch.of(values).curve();
        assertFalse(curve.isDiscrete());
        assertEquals(0, curve.cdfBefore(0), 1e-12);
        // centroids mixing the last zeros with the first positives blur the top of the jump by up to half a
        // centroid's weight (about 1.3% at this position)
        assertEquals(0.3, curve.cdf(0), 0.02);
        assertEquals(0, curve.quantile(0.25), 1e-12);
    }

    @Test
    void constantDataIsOneStep() {
        double[] values = new double[500];
        Arrays.fill(values, 45.0);
        DistributionCurve curve = Sketch.of(values).curve();
        assertEquals(0, curve.cdfBefore(45), 1e-12);
        assertEquals(1, curve.cdf(45), 1e-12);
        assertEquals(45, curve.quantile(0.01), 1e-12);
        assertEquals(45, curve.quantile(1), 1e-12);
    }

    @Test
    void farApartIntegerValuesAreAtoms() {
        DistributionCurve curve = Sketch.of(0, 1e12, 0, 1e12, 1500).curve();
        assertTrue(curve.isDiscrete());
        assertEquals(0.4, curve.cdf(0), 1e-12);
        assertEquals(0.6, curve.cdf(1e11), 1e-12);
        assertEquals(1500, curve.quantile(0.5), 1e-12);
    }

    @Test
    void emptyCurveAnswersNaN() {
        DistributionCurve curve = new Sketch().curve();
        assertTrue(curve.isEmpty());
        assertTrue(Double.isNaN(curve.cdf(1)));
        assertTrue(Double.isNaN(curve.quantile(0.5)));
    }
}
