package dev.vigil.retrainer;

import dev.vigil.avro.LabelRequest;
import dev.vigil.models.TrainingSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import smile.clustering.CentroidClustering;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Chooses the unlabelled windows an analyst's label would teach the models most: the ones whose calibrated
 * score is closest to the threshold (0.5), spread out by k-means over their standardised features so the
 * requests do not all describe the same situation. From each cluster the window nearest the threshold is asked.
 */
public final class ActiveLearner {
    private final int count;
    private final int candidates;

    /**
     * @param count      label requests per retrain
     * @param candidates size of the pool of most uncertain windows that is clustered
     */
    public ActiveLearner(int count, int candidates) {
        this.count = count;
        this.candidates = Math.max(count, candidates);
    }

    public List<LabelRequest> choose(TrainingSelection data, double[] calibratedScores, String domain, String model,
                                     int version, Instant now) {
        TrainingSet all = data.all();
        if (count <= 0) {
            return List.of();
        }
        List<Integer> pool = IntStream.range(0, all.size()).filter(i -> all.label(i) == TrainingSet.UNKNOWN).boxed()
                .sorted(Comparator.comparingDouble(i -> Math.abs(calibratedScores[i] - 0.5))).limit(candidates).toList();
        if (pool.isEmpty()) {
            return List.of();
        }
        int k = Math.min(count, pool.size());
        int[] cluster = pool.size() <= k ? IntStream.range(0, pool.size()).toArray() : cluster(all, pool, k);
        List<LabelRequest> requests = new ArrayList<>();
        boolean[] taken = new boolean[k];
        for (int p = 0; p < pool.size(); p++) { // pool is nearest-first, so each cluster's first member is its best
            int c = cluster[p];
            if (!taken[c]) {
                taken[c] = true;
                int row = pool.get(p);
                requests.add(new LabelRequest(all.entities()[row], domain, Instant.ofEpochMilli(all.timestamps()[row]),
                        Instant.ofEpochMilli(data.windowEnds()[row]), model, version, calibratedScores[row],
                        String.format(Locale.ROOT, "score %.3f near threshold 0.5; cluster %d of %d among the %d most uncertain windows",
                                calibratedScores[row], c + 1, k, pool.size()), now));
            }
        }
        return requests;
    }

    private static int[] cluster(TrainingSet all, List<Integer> pool, int k) {
        double[][] points = standardise(pool.stream().map(i -> all.features()[i]).toArray(double[][]::new));
        MathEx.setSeed(19650218L); // deterministic requests for the same data
        try {
            CentroidClustering<double[], double[]> clustering = KMeans.fit(points, k, 50);
            return clustering.group();
        } catch (RuntimeException e) {
            // Fewer distinct windows than clusters: no spread to find, take them nearest-first.
            return IntStream.range(0, points.length).map(i -> i % k).toArray();
        }
    }

    /** z-scores per feature (sign-log first: counts are heavy-tailed), so no single feature decides the distance. */
    static double[][] standardise(double[][] rows) {
        int d = rows[0].length;
        double[][] out = new double[rows.length][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < rows.length; i++) {
                out[i][j] = Math.copySign(Math.log1p(Math.abs(rows[i][j])), rows[i][j]);
                mean += out[i][j];
            }
            mean /= rows.length;
            double var = 0;
            for (double[] row : out) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(var / rows.length);
            for (double[] row : out) {
                row[j] = sd > 1e-12 ? (row[j] - mean) / sd : 0;
            }
        }
        return out;
    }
}
