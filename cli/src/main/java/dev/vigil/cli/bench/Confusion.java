package dev.vigil.cli.bench;

/** Counts of a binary detector's verdicts against labels, and the rates derived from them. */
public record Confusion(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    public static Confusion of(boolean[] flagged, boolean[] anomalous) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < flagged.length; i++) {
            if (flagged[i]) {
                if (anomalous[i]) tp++;
                else fp++;
            } else if (anomalous[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    public Confusion plus(Confusion other) {
        return new Confusion(truePositives + other.truePositives, falsePositives + other.falsePositives,
                trueNegatives + other.trueNegatives, falseNegatives + other.falseNegatives);
    }

    /** Share of flagged windows that are anomalous; 0 when nothing was flagged. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** Share of anomalous windows that were flagged. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Share of normal windows that were flagged. */
    public double falsePositiveRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
