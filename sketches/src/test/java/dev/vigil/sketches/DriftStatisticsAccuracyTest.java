package dev.vigil.sketches;

import org.apache.commons.math3.distribution.CauchyDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.IntegerDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistics computed from two sketches against the same statistics computed exactly on the raw samples,
 * 20,000 vs 20,000 values, for equal and for shifted distributions. Both sketches go through
 * {@link Sketch#toBytes()} first, as a stored baseline would; the baseline is built from 20 merged windows.
 *
 * <p>Tolerances: KS within 0.01 absolute; PSI within 0.005 + 2% of its value; Wasserstein-1 within 0.5% of
 * the baseline IQR + 2% of its value (finite-mean distributions only: for Cauchy data the exact value is
 * dominated by the few most extreme values and has no population value to estimate); median and p95 shifts
 * within 0.02 baseline IQRs (p95: 0.05 for the heavy-tailed cases).
 */
class DriftStatisticsAccuracyTest {

    private static final int N = 20_000;
    private static final int BASELINE_WINDOWS = 20;

    record Case(String name, Function<RandomGenerator, double[]> baseline, Function<RandomGenerator, double[]> window,
                boolean finiteMean, double p95Tolerance) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(real("normal", r -> new NormalDistribution(r, 0, 1), r -> new NormalDistribution(r, 0, 1), 0.02));
        cases.add(real("normal, mean +0.1 sd", r -> new NormalDistribution(r, 0, 1),
                r -> new NormalDistribution(r, 0.1, 1), 0.02));
        cases.add(real("normal, mean +0.5 sd", r -> new NormalDistribution(r, 0, 1),
                r -> new NormalDistribution(r, 0.5, 1), 0.02));
        cases.add(real("normal, sd x1.3", r -> new NormalDistribution(r, 0, 1),
                r -> new NormalDistribution(r, 0, 1.3), 0.02));
        cases.add(real("lognormal", r -> new LogNormalDistribution(r, 0, 1), r -> new LogNormalDistribution(r, 0, 1),
                0.05));
        cases.add(real("lognormal, x1.2", r -> new LogNormalDistribution(r, 0, 1),
                r -> new LogNormalDistribution(r, Math.log(1.2), 1), 0.05));
        cases.add(real("exponential", r -> new ExponentialDistribution(r, 1), r -> new ExponentialDistribution(r, 1),
                0.02));
        cases.add(real("exponential, mean x1.1", r -> new ExponentialDistribution(r, 1),
                r -> new ExponentialDistribution(r, 1.1), 0.02));
        cases.add(new Case("Cauchy", r -> new CauchyDistribution(r, 0, 1).sample(N),
                r -> new CauchyDistribution(r, 0, 1).sample(N), false, 0.05));
        cases.add(new Case("Cauchy, location +0.2", r -> new CauchyDistribution(r, 0, 1).sample(N),
                r -> new CauchyDistribution(r, 0.2, 1).sample(N), false, 0.05));
        cases.add(real("Pareto 3", r -> new ParetoDistribution(r, 1, 3), r -> new ParetoDistribution(r, 1, 3), 0.05));
        cases.add(real("Pareto 3 vs 2.5", r -> new ParetoDistribution(r, 1, 3), r -> new ParetoDistribution(r, 1, 2.5),
                0.05));
        cases.add(integer("Poisson 4", r -> poisson(r, 4), r -> poisson(r, 4)));
        cases.add(integer("Poisson 4 vs 4.3", r -> poisson(r, 4), r -> poisson(r, 4.3)));
        cases.add(integer("Poisson 0.5 vs 0.6", r -> poisson(r, 0.5), r -> poisson(r, 0.6)));
        cases.add(integer("Poisson 300 vs 305", r -> poisson(r, 300), r -> poisson(r, 305)));
        return cases.stream().map(Arguments::of);
    }

    private static Case real(String name, Function<RandomGenerator, RealDistribution> baseline,
                             Function<RandomGenerator, RealDistribution> window, double p95Tolerance) {
        return new Case(name, r -> baseline.apply(r).sample(N), r -> window.apply(r).sample(N), true, p95Tolerance);
    }

    private static Case integer(String name, Function<RandomGenerator, IntegerDistribution> baseline,
                                Function<RandomGenerator, IntegerDistribution> window) {
        return new Case(name, r -> toDoubles(baseline.apply(r).sample(N)), r -> toDoubles(window.apply(r).sample(N)),
                true, 0.02);
    }

    private static IntegerDistribution poisson(RandomGenerator random, double mean) {
        return new PoissonDistribution(random, mean, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS);
    }

    private static double[] toDoubles(int[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sketchStatisticsMatchExactOnes(Case c) {
        RandomGenerator random = new Well19937c(c.name().hashCode());
        double[] baselineValues = c.baseline().apply(random);
        double[] windowValues = c.window().apply(random);
        Sketch baseline = Sketch.fromBytes(mergedWindows(baselineValues).toBytes());
        Sketch window = Sketch.fromBytes(Sketch.of(windowValues).toBytes());

        DistributionComparison sketched = DriftStatistics.compare(baseline, window);

        double exactKs = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(baselineValues, windowValues);
        assertEquals(exactKs, sketched.ks(), 0.01, "KS");

        double exactPsi = ExactStatistics.psi(baselineValues, windowValues, 10, DriftStatistics.DEFAULT_PSI_EPSILON);
        assertEquals(exactPsi, sketched.psi(), 0.005 + 0.02 * exactPsi, "PSI");

        double iqr = ExactStatistics.iqr(baselineValues);
        double exactW = ExactStatistics.wasserstein(baselineValues, windowValues);
        double[] b = ExactStatistics.sorted(baselineValues);
        double[] w = ExactStatistics.sorted(windowValues);
        double exactMedianShift = (ExactStatistics.quantile(w, 0.5) - ExactStatistics.quantile(b, 0.5)) / iqr;
        double exactP95Shift = (ExactStatistics.quantile(w, 0.95) - ExactStatistics.quantile(b, 0.95)) / iqr;
        System.out.printf(Locale.ROOT, "%-24s KS %.4f exact %.4f (err %+.4f) | PSI %.4f exact %.4f (err %+.4f) | "
                        + "W1 %.4f exact %.4f (err %+.2f%%) | median shift err %+.4f, p95 shift err %+.4f IQR | %d bytes%n",
                c.name(), sketched.ks(), exactKs, sketched.ks() - exactKs, sketched.psi(), exactPsi,
                sketched.psi() - exactPsi, sketched.wasserstein(), exactW,
                100 * (sketched.wasserstein() - exactW) / exactW, sketched.medianShift() - exactMedianShift,
                sketched.p95Shift() - exactP95Shift, baseline.toBytes().length);
        if (c.finiteMean()) {
            assertEquals(exactW, sketched.wasserstein(), 0.005 * iqr + 0.02 * exactW, "Wasserstein-1");
        }
        assertEquals(exactMedianShift, sketched.medianShift(), 0.02, "median shift in IQRs");
        assertEquals(exactP95Shift, sketched.p95Shift(), c.p95Tolerance(), "p95 shift in IQRs");
        assertEquals(iqr, sketched.scale(), 0.02 * iqr, "IQR");
        assertTrue(baseline.toBytes().length < 2048 && window.toBytes().length < 2048, "serialised size");
    }

    /** The baseline as the retrainer builds it: windows sketched separately, stored, then merged. */
    private static Sketch mergedWindows(double[] values) {
        List<Sketch> windows = new ArrayList<>();
        int size = values.length / BASELINE_WINDOWS;
        for (int i = 0; i < BASELINE_WINDOWS; i++) {
            Sketch window = Sketch.of(Arrays.copyOfRange(values, i * size, (i + 1) * size));
            windows.add(Sketch.fromBytes(window.toBytes()));
        }
        return Sketch.mergeAll(windows);
    }
}
