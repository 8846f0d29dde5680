package dev.vigil.sketches;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges performance against labels. This counts even when no feature drifted: the world can change what
 * an anomaly is (concept drift) without changing what the inputs look like.
 *
 * <p>Each figure needs its own denominator to be large enough: recall needs actual positives, precision
 * needs alerts, the false-positive rate needs actual negatives. Precision and recall are judged by their
 * absolute drop below the validation figure (only drops count: doing better is not drift to act on); the
 * false-positive rate by the factor it grew by, as long as it grew by at least
 * {@code minFprIncrease} in absolute terms.
 *
 * @param minLabelledPositives fewest actual positives to judge recall
 * @param minAlerts fewest alerts with labels to judge precision
 * @param minLabelledNegatives fewest actual negatives to judge the false-positive rate
 * @param drop severity bounds on a drop of precision or recall
 * @param fprFactor severity bounds on observed / expected false-positive rate
 * @param minFprIncrease smallest absolute false-positive-rate increase that counts
 */
public record PerformanceCheck(long minLabelledPositives, long minAlerts, long minLabelledNegatives,
                               SeverityThresholds drop, SeverityThresholds fprFactor, double minFprIncrease) {

    /**
     * Defaults: 50 positives, 50 alerts, 200 negatives (with 50 labels a proportion near 0.8 has a standard
     * error of about 0.06, so the MEDIUM drop of 0.10 is not one unlucky window in two); drops of 0.05 (LOW),
     * 0.10 (MEDIUM), 0.20 (HIGH), 0.30 (CRITICAL); false-positive-rate factors 1.5, 2, 3, 5 with an increase
     * of at least 0.5 percentage points.
     */
    public static PerformanceCheck defaults() {
        return new PerformanceCheck(50, 50, 200, new SeverityThresholds(0.05, 0.10, 0.20, 0.30),
                new SeverityThresholds(1.5, 2, 3, 5), 0.005);
    }

    public PerformanceDrift assess(ConfusionCounts counts, ExpectedPerformance expected) {
        List<String> reasons = new ArrayList<>();
        Severity severity = Severity.NONE;
        boolean assessed = false;

        double precisionDrop = Double.NaN;
        if (counts.predictedPositives() >= minAlerts && !Double.isNaN(expected.precision())) {
            precisionDrop = expected.precision() - counts.precision();
            Severity s = drop.classify(precisionDrop);
            reasons.add(describe("precision", s, counts.precision(), expected.precision(), counts.predictedPositives(),
                    "alerts"));
            severity = Severity.max(severity, s);
            assessed = true;
        } else {
            reasons.add(skipped("precision", counts.predictedPositives(), minAlerts, "alerts", expected.precision()));
        }

        double recallDrop = Double.NaN;
        if (counts.actualPositives() >= minLabelledPositives && !Double.isNaN(expected.recall())) {
            recallDrop = expected.recall() - counts.recall();
            Severity s = drop.classify(recallDrop);
            reasons.add(describe("recall", s, counts.recall(), expected.recall(), counts.actualPositives(),
                    "labelled positives"));
            severity = Severity.max(severity, s);
            assessed = true;
        } else {
            reasons.add(skipped("recall", counts.actualPositives(), minLabelledPositives, "labelled positives",
                    expected.recall()));
        }

        double fprRatio = Double.NaN;
        if (counts.actualNegatives() >= minLabelledNegatives && expected.falsePositiveRate() > 0) {
            fprRatio = counts.falsePositiveRate() / expected.falsePositiveRate();
            double increase = counts.falsePositiveRate() - expected.falsePositiveRate();
            Severity s = increase < minFprIncrease ? Severity.NONE : fprFactor.classify(fprRatio);
            reasons.add(describe("false-positive rate", s, counts.falsePositiveRate(), expected.falsePositiveRate(),
                    counts.actualNegatives(), "labelled negatives"));
            severity = Severity.max(severity, s);
            assessed = true;
        } else {
            reasons.add(skipped("false-positive rate", counts.actualNegatives(), minLabelledNegatives,
                    "labelled negatives", expected.falsePositiveRate() > 0 ? 1 : Double.NaN));
        }
        reasons.addFirst("performance against labels: " + (assessed ? severity : "no decision"));
        return new PerformanceDrift(counts, expected, precisionDrop, recallDrop, fprRatio, severity, assessed,
                reasons);
    }

    private static String describe(String figure, Severity severity, double observed, double expected, long n,
                                   String unit) {
        return String.format(Locale.ROOT, "%s: %s (%.3f on %d %s vs %.3f in validation)", figure, severity,
                observed, n, unit, expected);
    }

    private static String skipped(String figure, long n, long min, String unit, double expected) {
        return Double.isNaN(expected)
                ? figure + ": not in the validation figures, not checked"
                : String.format(Locale.ROOT, "%s: %d %s, below the minimum of %d: not checked", figure, n, unit, min);
    }
}
