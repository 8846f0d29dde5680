package dev.vigil.cli.bench;

/** Flags from a cut on scores (the cut itself: {@link dev.vigil.models.BestF1}). */
final class Thresholds {
    private Thresholds() {
    }

    static boolean[] flags(double[] scores, double cut) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] > cut;
        }
        return out;
    }
}
