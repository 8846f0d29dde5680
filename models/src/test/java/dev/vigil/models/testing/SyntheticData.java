package dev.vigil.models.testing;

import dev.vigil.models.TrainingSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Labelled synthetic feature windows with a known structure: each entity follows a 3-factor AR(1)
 * process that drives all features linearly (so features are correlated and predictable from the last
 * windows), plus independent noise. An anomalous window shifts a few random features by 4-8 standard
 * deviations. Used by the benchmarks and the tests; real data is in the datasets folder. A test fixture: the
 * models test-jar publishes this package, the library's jar does not hold it.
 */
public final class SyntheticData {
    private static final int FACTORS = 3;

    private final int dimension;
    private final double[][] loadings;
    private final double[] base;
    private final double[] noise;

    public SyntheticData(int dimension, long seed) {
        this.dimension = dimension;
        Random random = new Random(seed);
        loadings = new double[dimension][FACTORS];
        base = new double[dimension];
        noise = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            for (int f = 0; f < FACTORS; f++) {
                loadings[j][f] = random.nextGaussian();
            }
            base[j] = 10 + 5 * random.nextDouble();
            noise[j] = 0.3 + 0.2 * random.nextDouble();
        }
    }

    public static List<String> featureNames(int dimension) {
        List<String> names = new ArrayList<>(dimension);
        for (int j = 0; j < dimension; j++) {
            names.add("f" + j);
        }
        return names;
    }

    /**
     * {@code entities} sequences of {@code windows} windows each, one minute apart, with each window
     * anomalous with probability {@code anomalyRate}.
     */
    public TrainingSet generate(int entities, int windows, double anomalyRate, long seed) {
        Random random = new Random(seed);
        int n = entities * windows;
        double[][] rows = new double[n][];
        int[] labels = new int[n];
        String[] keys = new String[n];
        long[] times = new long[n];
        int row = 0;
        for (int e = 0; e < entities; e++) {
            double[] factors = new double[FACTORS];
            for (int t = 0; t < windows; t++, row++) {
                for (int f = 0; f < FACTORS; f++) {
                    factors[f] = 0.8 * factors[f] + 0.6 * random.nextGaussian();
                }
                rows[row] = window(factors, random);
                labels[row] = random.nextDouble() < anomalyRate ? TrainingSet.ANOMALY : TrainingSet.NORMAL;
                if (labels[row] == TrainingSet.ANOMALY) {
                    inject(rows[row], random);
                }
                keys[row] = "entity-" + e;
                times[row] = 60_000L * t;
            }
        }
        return new TrainingSet(rows, featureNames(dimension), labels, keys, times);
    }

    private double[] window(double[] factors, Random random) {
        double[] x = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            double v = base[j] + noise[j] * random.nextGaussian();
            for (int f = 0; f < FACTORS; f++) {
                v += loadings[j][f] * factors[f];
            }
            x[j] = v;
        }
        return x;
    }

    /**
     * Shifts a few random features (an eighth of them, at least 3) by 4-8 of their total standard
     * deviations, up or down, the way an incident moves several related counters at once.
     */
    private void inject(double[] x, Random random) {
        for (int k = 0; k < Math.max(3, dimension / 8); k++) {
            int j = random.nextInt(dimension);
            double factorSpread = 0;
            for (int f = 0; f < FACTORS; f++) {
                factorSpread += loadings[j][f] * loadings[j][f];
            }
            double sd = Math.sqrt(noise[j] * noise[j] + factorSpread);
            x[j] += (random.nextBoolean() ? 1 : -1) * (4 + 4 * random.nextDouble()) * sd;
        }
    }
}
