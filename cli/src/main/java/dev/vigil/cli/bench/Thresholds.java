package dev.vigil.cli.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Choosing a cut on scores from labelled windows. */
final class Thresholds {
    private Thresholds() {
    }

    /**
     * The cut with the best F1 when windows scoring above it are flagged, placed midway between the lowest flagged
     * score and the next lower one (so {@code > cut} and {@code >= cut} agree); the first best from the top on ties.
     * NaN when no window is anomalous.
     */
    static double bestF1Cut(double[] scores, boolean[] anomalous) {
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
                best = last ? Math.nextDown(here) : (here + scores[order[rank + 1]]) / 2;
            }
        }
        return best;
    }

    static boolean[] flags(double[] scores, double cut) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] > cut;
        }
        return out;
    }
}
