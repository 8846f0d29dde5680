package dev.vigil.drift.state;

/**
 * Counts of one model in one drift window: scores and alerts for the alert rate, and the confusion matrix
 * of the model's verdicts against labels, for precision, recall and false-positive rate.
 */
public record WindowCounts(long scored, long anomalous, long truePositives, long falsePositives,
                           long trueNegatives, long falseNegatives) {

    public static final WindowCounts EMPTY = new WindowCounts(0, 0, 0, 0, 0, 0);

    public WindowCounts withScore(boolean alert) {
        return new WindowCounts(scored + 1, anomalous + (alert ? 1 : 0), truePositives, falsePositives,
                trueNegatives, falseNegatives);
    }

    /** Adds one verdict compared with its label. */
    public WindowCounts withLabelled(boolean predictedAnomalous, boolean labelledAnomalous) {
        return new WindowCounts(scored, anomalous,
                truePositives + (predictedAnomalous && labelledAnomalous ? 1 : 0),
                falsePositives + (predictedAnomalous && !labelledAnomalous ? 1 : 0),
                trueNegatives + (!predictedAnomalous && !labelledAnomalous ? 1 : 0),
                falseNegatives + (!predictedAnomalous && labelledAnomalous ? 1 : 0));
    }

    /** Takes back one verdict compared with a label that has since been corrected. */
    public WindowCounts withoutLabelled(boolean predictedAnomalous, boolean labelledAnomalous) {
        WindowCounts one = EMPTY.withLabelled(predictedAnomalous, labelledAnomalous);
        return new WindowCounts(scored, anomalous, truePositives - one.truePositives,
                falsePositives - one.falsePositives, trueNegatives - one.trueNegatives,
                falseNegatives - one.falseNegatives);
    }

    public WindowCounts plus(WindowCounts other) {
        return new WindowCounts(scored + other.scored, anomalous + other.anomalous,
                truePositives + other.truePositives, falsePositives + other.falsePositives,
                trueNegatives + other.trueNegatives, falseNegatives + other.falseNegatives);
    }

    public long labelled() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }
}
