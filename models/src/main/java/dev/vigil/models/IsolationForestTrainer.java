package dev.vigil.models;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;

/**
 * Fits an isolation forest on the normal rows of a training set.
 *
 * <p>Smile 6.3's {@code IsolationForest.fit} builds every tree on a permutation prefix of
 * {@code subsample·n} rows (subsample must be below 1, default 0.7) but normalises path lengths with c(n)
 * of the whole set, so its scores drift with the training-set size and large sets build very deep, slow
 * trees. Here each tree is fitted by Smile
 * on its own random sample of ψ rows (Liu et al.'s sub-sampling, default 256) and the forest is assembled
 * with Smile's public constructor, whose normalisation then uses c(ψ) as the algorithm intends.
 */
final class IsolationForestTrainer {
    static final String TREES = "trees";
    static final String SAMPLE_SIZE = "sampleSize";
    static final String EXTENSION_LEVEL = "extensionLevel";
    static final String TRANSFORM = "transform";

    private IsolationForestTrainer() {
    }

    static IsolationForestModel train(TrainingSet data, Params params) {
        int trees = params.integer(TREES, 100, 1, 10_000);
        int sampleSize = params.integer(SAMPLE_SIZE, 256, 2, 1 << 20);
        // Extended isolation forest (Hariri et al.): a few random directions per split instead of one axis
        // isolate anomalies spread over several correlated features better, at the same scoring cost in Smile.
        int extensionLevel = params.integer(EXTENSION_LEVEL, Math.min(4, data.dimension() - 1), 0, data.dimension() - 1);
        FeatureTransform transform = params.choice(TRANSFORM, FeatureTransform.NONE);
        double targetFpr = params.targetFpr();
        long seed = params.seed();
        double[][] normal = data.normalRows();
        if (normal.length < 2) {
            throw new IllegalArgumentException("isolation forest needs at least 2 normal rows, got " + normal.length);
        }
        double[][] inputs = transform.apply(normal);
        IsolationForest forest = fitForest(inputs, trees, Math.min(sampleSize, normal.length), extensionLevel, seed);
        CompactIsolationForest compact = CompactIsolationForest.of(forest, Math.min(sampleSize, normal.length),
                Arrays.copyOf(inputs, Math.min(inputs.length, 1000))).orElse(null);
        IsolationForestModel model = new IsolationForestModel(forest, compact, transform,
                FeatureBaseline.fit(normal, data.featureNames()), data.featureNames(), params.used(), targetFpr);
        double[] scores = new double[normal.length];
        IntStream.range(0, normal.length).parallel().forEach(i -> scores[i] = model.raw(normal[i], List.of()));
        model.calibrate(ScoreCalibration.fromNormalScores(scores, targetFpr));
        return model;
    }

    static IsolationForest fitForest(double[][] rows, int trees, int sampleSize, int extensionLevel, long seed) {
        Random random = new Random(seed);
        // Smile rejects a sampling rate of 1.0; this rate rounds back to the whole pre-drawn sample.
        IsolationForest.Options oneTree = new IsolationForest.Options(1, 0, 1.0 - 0.25 / sampleSize, extensionLevel);
        double[][][] samples = new double[trees][sampleSize][];
        long[] seeds = new long[trees];
        for (int t = 0; t < trees; t++) {
            sampleWithoutReplacement(rows, samples[t], random);
            seeds[t] = random.nextLong();
        }
        // Sequential on purpose: MathEx.setSeed also resets a Gaussian cache shared by all threads, so
        // trees fitted in parallel would not be reproducible from the seed.
        IsolationTree[] forest = new IsolationTree[trees];
        for (int t = 0; t < trees; t++) {
            MathEx.setSeed(seeds[t]); // Smile draws split points from its per-thread generator
            forest[t] = IsolationForest.fit(samples[t], oneTree).trees()[0];
        }
        return new IsolationForest(sampleSize, rows[0].length, extensionLevel, forest);
    }

    /** Fills {@code sample} with distinct random rows (partial Floyd selection over row indices). */
    private static void sampleWithoutReplacement(double[][] rows, double[][] sample, Random random) {
        int n = rows.length;
        Set<Integer> chosen = new HashSet<>(sample.length * 2);
        int filled = 0;
        for (int j = n - sample.length; j < n; j++) {
            int pick = random.nextInt(j + 1);
            int index = chosen.add(pick) ? pick : j;
            if (index == j) {
                chosen.add(j);
            }
            sample[filled++] = rows[index];
        }
    }
}
