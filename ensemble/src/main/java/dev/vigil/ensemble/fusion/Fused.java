package dev.vigil.ensemble.fusion;

import dev.vigil.ensemble.model.WindowScores;

/**
 * One entity window after fusion.
 *
 * @param combined champion readings combined by the rule
 * @param anomalous whether the combined score reaches the threshold
 * @param challengerCombined the same with the challenger's readings, or null when no challenger scored the window
 * @param challengerAnomalous the challenger's verdict, or null
 * @param variant A or B when a champion/challenger split is active for the domain, else null
 */
public record Fused(WindowScores scores, double combined, boolean anomalous, String rule, Double challengerCombined,
                    Boolean challengerAnomalous, String variant) {
    public String entity() {
        return scores.entity();
    }

    public String domain() {
        return scores.domain();
    }

    public long windowStart() {
        return scores.windowStart();
    }

    public long windowEnd() {
        return scores.windowEnd();
    }
}
