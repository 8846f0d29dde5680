package dev.vigil.retrainer;

import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.Validation;
import dev.vigil.models.ValidationMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores the time-ordered holdout with the candidate and with the production version. With labels of both
 * classes the label metrics (precision, recall, F1, FPR, PR-AUC) are what counts; without them, the alert
 * rate at the calibrated threshold and the sanity of the score distribution.
 */
public final class HoldoutValidator {
    private final double maxAlertRateFactor;

    public HoldoutValidator(double maxAlertRateFactor) {
        this.maxAlertRateFactor = maxAlertRateFactor;
    }

    /** @param production the production model, or null when there is none or it expects other features */
    public ValidationReport validate(AnomalyModel candidate, AnomalyModel production, TrainingSet holdout) {
        double[] raw = Validation.rawScores(candidate, holdout);
        ValidationMetrics metrics = Validation.evaluate(raw, holdout.labels(), candidate.threshold());
        ValidationMetrics productionMetrics = production == null ? null : Validation.evaluate(production, holdout);
        boolean labelled = holdout.count(TrainingSet.ANOMALY) > 0 && holdout.count(TrainingSet.NORMAL) > 0;
        double finite = raw.length == 0 ? 0 : (double) Arrays.stream(raw).filter(Double::isFinite).count() / raw.length;
        double[] calibrated = Scoring.calibrated(candidate, holdout);
        Arrays.sort(calibrated);
        double median = quantile(calibrated, 0.5);
        double p99 = quantile(calibrated, 0.99);
        return new ValidationReport(metrics, productionMetrics, labelled,
                problems(candidate, normalAlertRate(raw, holdout, candidate.threshold()), finite, calibrated),
                finite, median, p99);
    }

    /** Alert rate over the rows not labelled anomalous: what a sane threshold keeps near its target FPR. */
    static double normalAlertRate(double[] raw, TrainingSet holdout, double threshold) {
        long rows = 0;
        long alerts = 0;
        for (int i = 0; i < raw.length; i++) {
            if (holdout.label(i) != TrainingSet.ANOMALY) {
                rows++;
                alerts += raw[i] > threshold ? 1 : 0;
            }
        }
        return rows == 0 ? 0 : (double) alerts / rows;
    }

    private List<String> problems(AnomalyModel candidate, double alertRate, double finite, double[] sortedScores) {
        List<String> problems = new ArrayList<>();
        if (sortedScores.length == 0) {
            problems.add("empty holdout");
            return problems;
        }
        if (finite < 1.0) {
            problems.add(String.format("%.1f%% of holdout scores are not finite", 100 * (1 - finite)));
        }
        if (!Double.isFinite(candidate.threshold())) {
            problems.add("threshold is not finite");
        }
        double limit = maxAlertRateFactor * candidate.targetFalsePositiveRate();
        // The classifier's threshold maximises F1 on labels rather than holding a false-positive rate.
        if (!Algorithms.CLASSIFIER.equals(candidate.algorithm()) && alertRate > limit) {
            problems.add(String.format("alert rate %.4f on normal holdout windows exceeds %.4f (%.1f x target FPR %.4f)",
                    alertRate, limit, maxAlertRateFactor, candidate.targetFalsePositiveRate()));
        }
        if (sortedScores.length > 10 && sortedScores[0] == sortedScores[sortedScores.length - 1]) {
            problems.add("every holdout window gets the same score " + sortedScores[0]);
        }
        return problems;
    }

    private static double quantile(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
