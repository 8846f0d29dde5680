package dev.vigil.models;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The score cut with the best F1 on labelled rows, for choosing a threshold on a validation set. */
public final class BestF1 {
    private BestF1() {
    }

    /**
     * The cut with the best F1 when rows scoring above it are flagged, placed midway between the lowest flagged score
     * and the next lower one (so {@code > cut} and {@code >= cut} agree; tied scores are never split), the first best
     * from the top on ties; when every row is flagged, just below the lowest score. NaN when no row is anomalous.
     */
    public static double cut(double[] scores, boolean[] anomalous) {
        return cut(scores, anomalous, Double.NaN);
    }

    /** As {@link #cut(double[], boolean[])}, but a cut below the lowest score lies midway between it and {@code floor}. */
    public static double cut(double[] scores, boolean[] anomalous, double floor) {
        long positives = IntStream.range(0, anomalous.length).filter(i -> anomalous[i]).count();
        if (positives == 0) {
            return Double.NaN;
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double bestF1 = -1;
        double best = Double.NaN;
        long truePositives = 0;
        for (int rank = 0; rank < order.length; rank++) {
            truePositives += anomalous[order[rank]] ? 1 : 0;
            double here = scores[order[rank]];
            boolean last = rank + 1 == order.length;
            if (!last && scores[order[rank + 1]] == here) {
                continue; // a cut can only fall between distinct scores
            }
            double f1 = 2.0 * truePositives / (rank + 1 + positives);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = !last ? (here + scores[order[rank + 1]]) / 2 : Double.isNaN(floor) ? Math.nextDown(here) : (here + floor) / 2;
            }
        }
        return best;
    }
}
