package dev.vigil.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import smile.validation.metric.AUC;

/** Holdout metrics of a model: confusion-based ones at its threshold, and ranking ones over all scores. */
public final class Validation {
    private Validation() {
    }

    /** Scores the holdout (with per-entity history for models that need it) and computes the metrics. */
    public static ValidationMetrics evaluate(AnomalyModel model, TrainingSet holdout) {
        return evaluate(rawScores(model, holdout), holdout.labels(), model.threshold());
    }

    /** Raw scores of every row; row i's history is the preceding rows of its entity's sequence. */
    public static double[] rawScores(AnomalyModel model, TrainingSet data) {
        return rawScores(model, data, 0);
    }

    /**
     * Raw scores of rows {@code from} onwards (index i of the result is row {@code from + i}), each given the preceding
     * rows of its entity as history, including rows before {@code from}. A holdout that follows the training rows is
     * scored this way, as the detectors score it: a sequence model scored on the holdout alone meets each entity's first
     * holdout windows with no history and flags them (one false alert per entity, eight in 230 windows for eight
     * services, which refused every forecaster the demo trained).
     */
    public static double[] rawScores(AnomalyModel model, TrainingSet data, int from) {
        return scores(model, data, from, model::rawScore);
    }

    /** What is computed for one row given its history: a raw score, a calibrated one. */
    @FunctionalInterface
    public interface RowScore {
        double of(double[] features, List<double[]> history);
    }

    /**
     * {@code score} of rows {@code from} onwards (index i of the result is row {@code from + i}), each given the up to
     * {@link AnomalyModel#historyLength()} preceding rows of its entity as history, including rows before {@code from}.
     */
    public static double[] scores(AnomalyModel model, TrainingSet data, int from, RowScore score) {
        int h = model.historyLength();
        double[] scores = new double[data.size() - from];
        if (h == 0) {
            IntStream.range(from, data.size()).parallel().forEach(i -> scores[i - from] = score.of(data.features()[i], List.of()));
            return scores;
        }
        data.sequences().parallelStream().forEach(sequence -> {
            for (int t = 0; t < sequence.length; t++) {
                if (sequence[t] >= from) {
                    scores[sequence[t] - from] = score.of(data.features()[sequence[t]], history(data, sequence, t, h));
                }
            }
        });
        return scores;
    }

    /** The up to {@code h} rows of the sequence before position {@code t}, oldest first. */
    private static List<double[]> history(TrainingSet data, int[] sequence, int t, int h) {
        List<double[]> history = new ArrayList<>(Math.min(h, t));
        for (int s = Math.max(0, t - h); s < t; s++) {
            history.add(data.features()[sequence[s]]);
        }
        return history;
    }

    /**
     * Metrics of raw scores against labels (rows labelled {@link TrainingSet#UNKNOWN}, or all rows when
     * {@code labels} is null, count only towards the alert rate).
     */
    public static ValidationMetrics evaluate(double[] scores, int[] labels, double threshold) {
        long alerts = Arrays.stream(scores).filter(s -> s > threshold).count();
        double alertRate = scores.length == 0 ? Double.NaN : (double) alerts / scores.length;
        long tp = 0, fp = 0, fn = 0, tn = 0;
        List<Integer> known = new ArrayList<>();
        for (int i = 0; labels != null && i < scores.length; i++) {
            if (labels[i] == TrainingSet.UNKNOWN) {
                continue;
            }
            known.add(i);
            boolean alert = scores[i] > threshold;
            boolean anomaly = labels[i] == TrainingSet.ANOMALY;
            if (alert && anomaly) tp++;
            else if (alert) fp++;
            else if (anomaly) fn++;
            else tn++;
        }
        double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        double f1 = tp + fn == 0 ? Double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
        double fpr = fp + tn == 0 ? Double.NaN : (double) fp / (fp + tn);
        double[] s = known.stream().mapToDouble(i -> scores[i]).toArray();
        int[] y = known.stream().mapToInt(i -> labels[i] == TrainingSet.ANOMALY ? 1 : 0).toArray();
        boolean bothClasses = tp + fn > 0 && fp + tn > 0;
        return new ValidationMetrics(scores.length, known.size(), tp + fn, precision, recall, f1, fpr,
                bothClasses ? prAuc(s, y) : Double.NaN, bothClasses ? AUC.of(y, s) : Double.NaN, alertRate);
    }

    /**
     * Area under the precision-recall curve as average precision: the mean of the precision at each
     * distinct score cut, weighted by the recall it adds (tied scores form one cut). Smile has ROC-AUC
     * but no PR-AUC, which is the one that matters when anomalies are rare.
     *
     * @param labels 1 for anomaly, 0 for normal
     */
    public static double prAuc(double[] scores, int[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        if (positives == 0) {
            return Double.NaN;
        }
        double area = 0;
        long truePositives = 0;
        long previousTruePositives = 0;
        for (int rank = 0; rank < order.length; rank++) {
            truePositives += labels[order[rank]] == 1 ? 1 : 0;
            boolean endOfTie = rank + 1 == order.length || scores[order[rank + 1]] != scores[order[rank]];
            if (endOfTie) {
                double precision = (double) truePositives / (rank + 1);
                area += precision * (truePositives - previousTruePositives) / positives;
                previousTruePositives = truePositives;
            }
        }
        return area;
    }
}
