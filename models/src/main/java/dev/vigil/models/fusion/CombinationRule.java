package dev.vigil.models.fusion;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * How calibrated detector scores become one score in [0, 1], compared with the same threshold (0.5 by
 * default, every detector's own calibrated threshold). The ensemble app and the BGP bench both fuse with this code.
 */
public enum CombinationRule {
    /** Sum of weight times score ({@link Verdict#evidence}) over the sum of weights. */
    WEIGHTED_MEAN("weighted-mean") {
        @Override
        public double combine(List<? extends Verdict> readings, ToDoubleFunction<String> weights) {
            return weightedShare(readings, weights, Verdict::evidence);
        }
    },
    /** Weighted share of detectors whose own verdict is anomalous ({@link Verdict#standsOut}). */
    WEIGHTED_VOTE("weighted-vote") {
        @Override
        public double combine(List<? extends Verdict> readings, ToDoubleFunction<String> weights) {
            return weightedShare(readings, weights, r -> r.standsOut() ? 1.0 : 0.0);
        }
    },
    /** Highest score of a detector with a positive weight (weight 0 silences a detector). */
    MAX("max") {
        @Override
        public double combine(List<? extends Verdict> readings, ToDoubleFunction<String> weights) {
            return readings.stream().filter(r -> weights.applyAsDouble(r.detector()) > 0).mapToDouble(Verdict::evidence)
                    .max().orElse(0.0);
        }
    };

    private final String label;

    CombinationRule(String label) {
        this.label = label;
    }

    /** The combined score; 0 for no readings. */
    public abstract double combine(List<? extends Verdict> readings, ToDoubleFunction<String> weights);

    public String label() {
        return label;
    }

    public static CombinationRule parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (CombinationRule rule : values()) {
            if (rule.label.equals(t)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("Unknown combination rule '" + text + "': use weighted-mean, weighted-vote or max");
    }

    private static double weightedShare(List<? extends Verdict> readings, ToDoubleFunction<String> weights, ToDoubleFunction<Verdict> value) {
        double total = 0;
        double sum = 0;
        for (Verdict r : readings) {
            double w = Math.max(0, weights.applyAsDouble(r.detector()));
            total += w;
            sum += w * value.applyAsDouble(r);
        }
        if (total == 0) {
            // Every weight is zero: fall back to equal weights rather than report nothing.
            return readings.isEmpty() ? 0.0 : readings.stream().mapToDouble(value).average().orElse(0.0);
        }
        return sum / total;
    }
}
