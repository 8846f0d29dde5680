package dev.vigil.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ROC and precision-recall curves of scores against binary labels, by sweeping the threshold from the highest
 * score down, and the ROC AUC by trapezoids. Written here because Smile's {@code AUC} gives only the area, and
 * the demo report and the benches need the points to plot.
 *
 * @param roc    (false-positive rate, true-positive rate) points, starting at (0, 0)
 * @param pr     (recall, precision) points, one per distinct threshold
 * @param rocAuc area under the ROC curve; NaN when either class is missing
 */
public record Curves(List<double[]> roc, List<double[]> pr, double rocAuc) {

    /** @param scored {score, label} pairs, label 1 for anomalous and 0 for normal */
    public static Curves of(List<double[]> scored) {
        long positives = scored.stream().filter(s -> s[1] > 0).count();
        long negatives = scored.size() - positives;
        if (positives == 0 || negatives == 0) {
            return new Curves(List.of(), List.of(), Double.NaN);
        }
        List<double[]> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble((double[] s) -> -s[0]));
        List<double[]> roc = new ArrayList<>();
        List<double[]> pr = new ArrayList<>();
        long tp = 0;
        long fp = 0;
        double auc = 0;
        double lastFpr = 0;
        double lastTpr = 0;
        roc.add(new double[] {0, 0});
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i)[1] > 0) tp++;
            else fp++;
            boolean thresholdChanges = i == sorted.size() - 1 || sorted.get(i + 1)[0] != sorted.get(i)[0];
            if (thresholdChanges) {
                double tpr = (double) tp / positives;
                double fpr = (double) fp / negatives;
                auc += (fpr - lastFpr) * (tpr + lastTpr) / 2;
                roc.add(new double[] {fpr, tpr});
                pr.add(new double[] {tpr, (double) tp / (tp + fp)});
                lastFpr = fpr;
                lastTpr = tpr;
            }
        }
        return new Curves(roc, pr, auc);
    }

    /** The same curves with at most {@code max} points each (evenly spaced, first and last kept), for reports. */
    public Curves thinned(int max) {
        return new Curves(thin(roc, max), thin(pr, max), rocAuc);
    }

    static List<double[]> thin(List<double[]> points, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("keep at least two points");
        }
        if (points.size() <= max) {
            return points;
        }
        List<double[]> kept = new ArrayList<>(max);
        for (int k = 0; k < max; k++) {
            kept.add(points.get((int) Math.round((double) k * (points.size() - 1) / (max - 1))));
        }
        return kept;
    }
}
