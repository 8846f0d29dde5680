package dev.vigil.models;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality of a model on a labelled holdout. Label-based metrics are NaN when the holdout has no labels of
 * the class they need (e.g. recall without anomalies); {@code alertRate} counts every row.
 */
public record ValidationMetrics(long samples, long labelled, long positives, double precision, double recall, double f1,
                                double falsePositiveRate, double prAuc, double rocAuc, double alertRate) {

    public static final String PRECISION = "precision";
    public static final String RECALL = "recall";
    public static final String F1 = "f1";
    public static final String FPR = "fpr";
    public static final String PR_AUC = "pr_auc";
    public static final String ROC_AUC = "roc_auc";
    public static final String ALERT_RATE = "alert_rate";
    public static final String SAMPLES = "samples";
    public static final String LABELLED = "labelled";
    public static final String POSITIVES = "positives";

    /** The metrics under the keys of {@code ModelVersion.validation}, in a stable order. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(PRECISION, precision);
        map.put(RECALL, recall);
        map.put(F1, f1);
        map.put(FPR, falsePositiveRate);
        map.put(PR_AUC, prAuc);
        map.put(ROC_AUC, rocAuc);
        map.put(ALERT_RATE, alertRate);
        map.put(SAMPLES, (double) samples);
        map.put(LABELLED, (double) labelled);
        map.put(POSITIVES, (double) positives);
        return map;
    }

    /** Reads metrics back from {@link #asMap()} form; missing keys become NaN (or 0 for counts). */
    public static ValidationMetrics fromMap(Map<String, Double> map) {
        return new ValidationMetrics(count(map, SAMPLES), count(map, LABELLED), count(map, POSITIVES),
                value(map, PRECISION), value(map, RECALL), value(map, F1), value(map, FPR), value(map, PR_AUC),
                value(map, ROC_AUC), value(map, ALERT_RATE));
    }

    private static double value(Map<String, Double> map, String key) {
        Double v = map.get(key);
        return v == null ? Double.NaN : v;
    }

    private static long count(Map<String, Double> map, String key) {
        Double v = map.get(key);
        return v == null || v.isNaN() ? 0 : Math.round(v);
    }
}
