package dev.vigil.sketches;

/** Outcomes of alerts against labels that arrived for a window. Rates are NaN when their denominator is 0. */
public record ConfusionCounts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    public ConfusionCounts {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    public long actualPositives() {
        return truePositives + falseNegatives;
    }

    public long predictedPositives() {
        return truePositives + falsePositives;
    }

    public long actualNegatives() {
        return falsePositives + trueNegatives;
    }

    public double precision() {
        return ratio(truePositives, predictedPositives());
    }

    public double recall() {
        return ratio(truePositives, actualPositives());
    }

    public double falsePositiveRate() {
        return ratio(falsePositives, actualNegatives());
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
