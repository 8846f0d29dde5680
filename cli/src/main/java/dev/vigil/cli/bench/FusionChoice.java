package dev.vigil.cli.bench;

import dev.vigil.models.fusion.CombinationRule;
import dev.vigil.ensemble.fusion.Fusion;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ensemble's settings for one domain (combination rule, a weight per detector, threshold), chosen on labelled
 * validation windows by the best F1, and the fused verdict of windows with them. Fusion itself is the ensemble's
 * own {@link Fusion}; only the choice is made here, as an operator would set {@code vigil.ensemble.rule},
 * {@code vigil.ensemble.weight.<domain>.<detector>} and {@code vigil.ensemble.threshold}.
 *
 * @param validationF1 F1 of the choice on the validation windows it was chosen on
 */
public record FusionChoice(String rule, Map<String, Double> weights, double threshold, double validationF1) {
    /** Weights tried for each detector; 0 leaves a detector out. */
    static final double[] WEIGHT_LEVELS = {0, 1, 2, 4};

    public FusionChoice {
        weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /**
     * Tries every rule and every combination of {@link #WEIGHT_LEVELS} (not all zero), each with its best-F1
     * threshold; ties keep the first tried.
     *
     * @param detectors  detector names, the columns of {@code scores} and {@code flagged}
     * @param scores     calibrated score per window and detector (0.5 = the detector's threshold)
     * @param flagged    each detector's own verdict per window
     * @param anomalous  the windows' labels
     */
    public static FusionChoice choose(List<String> detectors, double[][] scores, boolean[][] flagged, boolean[] anomalous) {
        List<List<Reading>> readings = readings(detectors, scores, flagged);
        int n = detectors.size();
        int combinations = (int) Math.pow(WEIGHT_LEVELS.length, n);
        FusionChoice best = null;
        for (CombinationRule rule : CombinationRule.values()) {
            for (int c = 1; c < combinations; c++) {
                Map<String, Double> weights = new LinkedHashMap<>();
                for (int d = 0, rest = c; d < n; d++, rest /= WEIGHT_LEVELS.length) {
                    weights.put(detectors.get(d), WEIGHT_LEVELS[rest % WEIGHT_LEVELS.length]);
                }
                double[] combined = combine(rule, weights, readings);
                double cut = dev.vigil.models.BestF1.cut(combined, anomalous);
                if (Double.isNaN(cut)) {
                    continue;
                }
                double f1 = Confusion.of(Thresholds.flags(combined, cut), anomalous).f1();
                if (best == null || f1 > best.validationF1) {
                    best = new FusionChoice(rule.label(), weights, cut, f1);
                }
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no anomalous validation window to choose the fusion on");
        }
        return best;
    }

    /** Combined scores of windows under this choice. */
    public double[] combine(List<String> detectors, double[][] scores, boolean[][] flagged) {
        return combine(CombinationRule.parse(rule), weights, readings(detectors, scores, flagged));
    }

    /** Verdicts: the combined score reaches the threshold, as {@link Fusion} decides. */
    public boolean[] flags(double[] combined) {
        boolean[] out = new boolean[combined.length];
        for (int i = 0; i < combined.length; i++) {
            out[i] = combined[i] >= threshold;
        }
        return out;
    }

    private static double[] combine(CombinationRule rule, Map<String, Double> weights, List<List<Reading>> readings) {
        Fusion fusion = new Fusion(rule, 0.5, null);
        double[] out = new double[readings.size()];
        for (int i = 0; i < out.length; i++) {
            WindowScores window = new WindowScores("window", "synthetic", 0, 1, readings.get(i), List.of(), List.of());
            out[i] = fusion.fuse(window, d -> weights.getOrDefault(d, 0.0)).combined();
        }
        return out;
    }

    private static List<List<Reading>> readings(List<String> detectors, double[][] scores, boolean[][] flagged) {
        List<List<Reading>> out = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            List<Reading> row = new ArrayList<>(detectors.size());
            for (int d = 0; d < detectors.size(); d++) {
                row.add(new Reading(detectors.get(d), "synthetic." + detectors.get(d), 1, scores[i][d], flagged[i][d], false, List.of()));
            }
            out.add(List.copyOf(row));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder w = new StringBuilder();
        weights.forEach((d, v) -> w.append(w.isEmpty() ? "" : ", ").append(d).append(' ').append(v % 1 == 0 ? Long.toString(v.longValue()) : v));
        return String.format("%s, weights %s, threshold %.3f", rule, w, threshold);
    }
}
