package dev.vigil.models;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Threshold on a raw score and a monotone map of raw scores into [0, 1] with the threshold at 0.5.
 *
 * <p>Below the threshold the calibrated score is half the raw score's percentile among the normal
 * training scores, rescaled so the threshold's percentile gives 0.5; above it the score approaches 1 as
 * the raw score moves further past the threshold, in units of the spread of the normal scores
 * (threshold - median). Written here because Smile and commons-math have no calibration that pins a
 * chosen threshold to 0.5; a raw score above the threshold always calibrates above 0.5 and vice versa.
 */
public final class ScoreCalibration implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final int KNOTS = 100;

    private final double threshold;
    private final double[] knotScores;
    private final double[] knotLevels;
    private final double spread;
    private final double ceiling;

    private ScoreCalibration(double threshold, double[] knotScores, double[] knotLevels, double spread, double ceiling) {
        this.threshold = threshold;
        this.knotScores = knotScores;
        this.knotLevels = knotLevels;
        this.spread = spread;
        this.ceiling = ceiling;
    }

    /**
     * Calibrates on raw scores of normal data: the threshold is the smallest training score that at most
     * {@code targetFpr} of the scores exceed.
     */
    public static ScoreCalibration fromNormalScores(double[] rawScores, double targetFpr) {
        if (rawScores.length == 0) {
            throw new IllegalArgumentException("no scores to calibrate on");
        }
        double[] sorted = rawScores.clone();
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("training scores are not finite");
        }
        int thresholdIndex = Math.max(0, (int) Math.ceil((1 - targetFpr) * sorted.length) - 1);
        double threshold = sorted[thresholdIndex];
        double[] scores = new double[KNOTS + 1];
        double[] levels = new double[KNOTS + 1];
        int knots = 0;
        for (int k = 0; k <= KNOTS; k++) {
            int index = (int) Math.round((double) k / KNOTS * thresholdIndex);
            double value = sorted[index];
            double level = 0.5 * k / KNOTS;
            if (knots > 0 && value <= scores[knots - 1]) {
                levels[knots - 1] = level; // ties: keep the highest level of a repeated score
            } else {
                scores[knots] = value;
                levels[knots++] = level;
            }
        }
        double median = sorted[sorted.length / 2];
        double spread = Math.max(threshold - median, Math.max(Math.abs(threshold) * 1e-3, 1e-9));
        return new ScoreCalibration(threshold, Arrays.copyOf(scores, knots), Arrays.copyOf(levels, knots), spread,
                Double.NaN);
    }

    /** Calibration for a probability: linear from 0 to the threshold (0.5) and on to 1 (1.0). */
    public static ScoreCalibration forProbability(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("probability threshold must be in (0, 1): " + threshold);
        }
        return new ScoreCalibration(threshold, new double[]{0, threshold}, new double[]{0, 0.5}, 1 - threshold, 1.0);
    }

    public double threshold() {
        return threshold;
    }

    public boolean anomalous(double rawScore) {
        return rawScore > threshold;
    }

    /** Maps a raw score into [0, 1]; NaN stays NaN so callers can see a broken model. */
    public double calibrate(double rawScore) {
        if (Double.isNaN(rawScore)) {
            return Double.NaN;
        }
        if (rawScore > threshold) {
            double excess = rawScore - threshold;
            double above = Double.isNaN(ceiling) ? 1 - Math.exp(-excess / spread) : Math.min(1, excess / spread);
            return Math.min(1.0, Math.nextUp(0.5) + 0.5 * above);
        }
        if (rawScore <= knotScores[0]) {
            return knotLevels[0] * (rawScore == knotScores[0] ? 1 : 0);
        }
        int i = Arrays.binarySearch(knotScores, rawScore);
        if (i >= 0) {
            return knotLevels[i];
        }
        int upper = -i - 1;
        int lower = upper - 1;
        double fraction = (rawScore - knotScores[lower]) / (knotScores[upper] - knotScores[lower]);
        return knotLevels[lower] + fraction * (knotLevels[upper] - knotLevels[lower]);
    }
}
