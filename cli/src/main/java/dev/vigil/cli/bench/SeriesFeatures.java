package dev.vigil.cli.bench;

import java.util.List;

/**
 * Window features of a univariate series for the NAB suite, one vector per point: the value, its change from
 * the previous point, and the mean and standard deviation of the last {@link #WINDOW} points (the current one
 * included, fewer at the start). A level shift moves value and mean, a spike moves diff and std, a flat
 * stretch in a noisy series drops std: the kinds of anomaly NAB labels.
 */
public final class SeriesFeatures {
    public static final int WINDOW = 12;
    public static final List<String> NAMES = List.of("value", "diff", "rolling_mean", "rolling_std");

    private SeriesFeatures() {
    }

    public static double[][] of(double[] values) {
        double[][] rows = new double[values.length][];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            sumSq += values[i] * values[i];
            if (i >= WINDOW) {
                sum -= values[i - WINDOW];
                sumSq -= values[i - WINDOW] * values[i - WINDOW];
            }
            int n = Math.min(i + 1, WINDOW);
            double mean = sum / n;
            double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
            rows[i] = new double[] {values[i], i == 0 ? 0 : values[i] - values[i - 1], mean, std};
        }
        return rows;
    }
}
