package dev.vigil.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Fits {@link ForecasterModel}: a multi-output ridge regression of each window on the entity's previous
 * k windows. Smile's RidgeRegression solves through native LAPACK (smile.tensor), which Vigil does not
 * ship, so the normal equations are accumulated here and solved with commons-math3's Cholesky.
 */
final class ForecasterTrainer {
    static final String LAGS = "lags";
    static final String RIDGE = "ridge";
    static final String TRANSFORM = "transform";
    static final int MIN_SAMPLES = 20;
    /** Folds for out-of-fold residuals (contiguous blocks of samples, i.e. of entities and time). */
    private static final int FOLDS = 5;

    private ForecasterTrainer() {
    }

    static ForecasterModel train(TrainingSet data, Params params) {
        int lags = params.integer(LAGS, 3, 1, 32);
        double ridge = params.decimal(RIDGE, 0.01, 1e-9, 1e6);
        FeatureTransform transform = params.choice(TRANSFORM, FeatureTransform.SIGNED_LOG);
        double targetFpr = params.targetFpr();
        int d = data.dimension();
        double[][] z = new double[data.size()][d];
        double[] mean = new double[d];
        double[] scale = new double[d];
        standardise(data, transform, z, mean, scale);
        List<int[]> samples = samples(data, lags);
        if (samples.size() < MIN_SAMPLES) {
            throw new IllegalArgumentException("forecaster needs more sequence samples than " + samples.size()
                    + ": give longer per-entity sequences");
        }
        double[][][] foldSums = IntStream.range(0, FOLDS).parallel()
                .mapToObj(f -> accumulate(z, samples, lags, d, foldStart(f, samples.size()), foldStart(f + 1, samples.size())))
                .toArray(double[][][]::new);
        double[][] weights = solve(sum(foldSums, -1), samples.size(), lags, d, ridge);
        // Out-of-fold residuals: each fold is predicted by weights fitted without it, so the residual
        // spreads and the threshold reflect errors on unseen windows, not the smaller in-sample ones.
        double[][] residuals = new double[d][samples.size()];
        IntStream.range(0, FOLDS).parallel().forEach(f -> {
            int from = foldStart(f, samples.size());
            int to = foldStart(f + 1, samples.size());
            double[][] held = solve(sum(foldSums, f), samples.size() - (to - from), lags, d, ridge);
            residuals(z, samples, lags, d, held, from, to, residuals);
        });
        double[] spread = new double[d];
        for (int j = 0; j < d; j++) {
            double[] column = residuals[j].clone();
            double centre = FeatureBaseline.median(column.clone());
            // Floor: a feature the regression predicts perfectly must not turn tiny errors into alerts.
            double robust = Math.max(0.01, FeatureBaseline.robustSpread(column, centre));
            // Widened by the errors' tail as the rules' ranges are: a service's error rate, 0 in most windows, left the
            // forecaster a spread so small that one failed request among twenty read as an outlier, and the windows it
            // flagged were mostly the error-rate blips the rules flagged too (two detectors agreeing on one feature).
            spread[j] = FeatureBaseline.tailWidened(residuals[j], centre, robust);
        }
        // Context features (the calendar) are inputs of the forecast, never judged: when a window falls is no anomaly, and a
        // model trained on the day's hours otherwise flagged every window of the night for its hour alone.
        List<String> context = params.names(Params.CONTEXT_FEATURES);
        boolean[] judged = new boolean[d];
        for (int j = 0; j < d; j++) {
            judged[j] = !context.contains(data.featureNames().get(j));
        }
        ForecasterModel model = new ForecasterModel(lags, transform, mean, scale, weights, spread, judged,
                data.featureNames(), params.used(), targetFpr);
        double[] scores = new double[samples.size()];
        double[] errors = new double[d];
        for (int s = 0; s < scores.length; s++) {
            for (int j = 0; j < d; j++) {
                errors[j] = Math.abs(residuals[j][s]) / spread[j];
            }
            scores[s] = model.rawFromDeviations(errors);
        }
        model.calibrate(ScoreCalibration.fromNormalScores(scores, targetFpr));
        return model;
    }

    private static int foldStart(int fold, int samples) {
        return (int) ((long) fold * samples / FOLDS);
    }

    /** Sum of the folds' sums, leaving out fold {@code skip} (-1 to keep all). */
    private static double[][] sum(double[][][] folds, int skip) {
        double[][] total = new double[folds[0].length][folds[0][0].length];
        for (int f = 0; f < folds.length; f++) {
            if (f == skip) {
                continue;
            }
            for (int a = 0; a < total.length; a++) {
                for (int b = 0; b < total[a].length; b++) {
                    total[a][b] += folds[f][a][b];
                }
            }
        }
        return total;
    }

    /** Transforms then standardises every row; mean and scale come from the rows not labelled anomalous. */
    private static void standardise(TrainingSet data, FeatureTransform transform, double[][] z, double[] mean, double[] scale) {
        int d = data.dimension();
        double[][] rows = data.features();
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = transform.apply(rows[i][j]);
            }
        }
        for (int j = 0; j < d; j++) {
            double sum = 0;
            double sumSq = 0;
            int n = 0;
            for (int i = 0; i < rows.length; i++) {
                if (data.label(i) != TrainingSet.ANOMALY) {
                    sum += z[i][j];
                    sumSq += z[i][j] * z[i][j];
                    n++;
                }
            }
            mean[j] = n == 0 ? 0 : sum / n;
            double sd = n < 2 ? 0 : Math.sqrt(Math.max(0, sumSq / n - mean[j] * mean[j]));
            scale[j] = sd > 1e-9 ? sd : 1.0;
            for (int i = 0; i < rows.length; i++) {
                z[i][j] = (z[i][j] - mean[j]) / scale[j];
            }
        }
    }

    /** How many training samples {@link #samples} would give. */
    static long sampleCount(TrainingSet data, int lags) {
        long count = 0;
        for (int[] sequence : data.sequences()) {
            for (int t = lags; t < sequence.length; t++) {
                count += data.label(sequence[t]) == TrainingSet.ANOMALY ? 0 : 1;
            }
        }
        return count;
    }

    /** Each sample is k input row indices, oldest first, then the target row; anomalous targets are skipped. */
    private static List<int[]> samples(TrainingSet data, int lags) {
        List<int[]> samples = new ArrayList<>();
        for (int[] sequence : data.sequences()) {
            for (int t = lags; t < sequence.length; t++) {
                if (data.label(sequence[t]) == TrainingSet.ANOMALY) {
                    continue;
                }
                int[] sample = new int[lags + 1];
                System.arraycopy(sequence, t - lags, sample, 0, lags + 1);
                samples.add(sample);
            }
        }
        return samples;
    }

    /**
     * Solves (XᵀX/n + ridge·I) W = XᵀY/n from accumulated sums (upper triangle of XᵀX in columns 0..p-1,
     * XᵀY in p..p+d-1); the intercept (last input) is not penalised.
     */
    private static double[][] solve(double[][] sums, int n, int lags, int d, double ridge) {
        int p = lags * d + 1;
        double[][] gram = new double[p][p];
        double[][] cross = new double[p][d];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                gram[a][b] = sums[a][b] / n;
                gram[b][a] = gram[a][b];
            }
            if (a < p - 1) {
                gram[a][a] += ridge;
            }
            for (int o = 0; o < d; o++) {
                cross[a][o] = sums[a][p + o] / n;
            }
        }
        RealMatrix solution = new CholeskyDecomposition(new Array2DRowRealMatrix(gram, false))
                .getSolver().solve(new Array2DRowRealMatrix(cross, false));
        return solution.getData();
    }

    /** Upper triangle of XᵀX (columns 0..p-1) and XᵀY (columns p..p+d-1) over samples [from, to). */
    private static double[][] accumulate(double[][] z, List<int[]> samples, int lags, int d, int from, int to) {
        int p = lags * d + 1;
        double[][] sums = new double[p][p + d];
        double[] x = new double[p];
        for (int s = from; s < to; s++) {
            int[] sample = samples.get(s);
            inputs(z, sample, lags, d, x);
            double[] y = z[sample[lags]];
            for (int a = 0; a < p; a++) {
                double xa = x[a];
                if (xa == 0.0) {
                    continue;
                }
                double[] row = sums[a];
                for (int b = a; b < p; b++) {
                    row[b] += xa * x[b];
                }
                for (int o = 0; o < d; o++) {
                    row[p + o] += xa * y[o];
                }
            }
        }
        return sums;
    }

    private static void inputs(double[][] z, int[] sample, int lags, int d, double[] x) {
        for (int lag = 0; lag < lags; lag++) {
            System.arraycopy(z[sample[lag]], 0, x, lag * d, d);
        }
        x[lags * d] = 1.0;
    }

    /** Residuals (feature-major) of samples [from, to) under the given weights. */
    private static void residuals(double[][] z, List<int[]> samples, int lags, int d, double[][] weights,
                                  int from, int to, double[][] residuals) {
        int p = lags * d + 1;
        double[] x = new double[p];
        double[] prediction = new double[d];
        for (int s = from; s < to; s++) {
            int[] sample = samples.get(s);
            inputs(z, sample, lags, d, x);
            Arrays.fill(prediction, 0.0);
            for (int a = 0; a < p; a++) {
                double xa = x[a];
                if (xa != 0.0) {
                    double[] row = weights[a];
                    for (int o = 0; o < d; o++) {
                        prediction[o] += xa * row[o];
                    }
                }
            }
            double[] y = z[sample[lags]];
            for (int o = 0; o < d; o++) {
                residuals[o][s] = y[o] - prediction[o];
            }
        }
    }
}
