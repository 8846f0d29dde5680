package dev.vigil.ensemble.fusion;

import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One entity window after fusion.
 *
 * @param combined champion readings combined by the rule
 * @param anomalous whether the combined score reaches the threshold
 * @param challengerCombined the same with the challenger's readings, or null when no challenger scored the window
 * @param challengerAnomalous the challenger's verdict, or null
 * @param variant A or B when a champion/challenger split is active for the domain, else null
 * @param weights each champion detector's weight in {@code combined} (configured or learned), so an alert can say why a
 *                detector counted less; recorded for anomalous windows only, the ones alerts are made of;
 *                empty otherwise
 */
public record Fused(WindowScores scores, double combined, boolean anomalous, String rule, Double challengerCombined,
                    Boolean challengerAnomalous, String variant, Map<String, Double> weights) {
    public Fused {
        weights = weights == null ? Map.of() : Map.copyOf(weights); // null: a window journalled before weights were kept
    }

    /** A window fused without recording the weights. */
    public Fused(WindowScores scores, double combined, boolean anomalous, String rule, Double challengerCombined,
                 Boolean challengerAnomalous, String variant) {
        this(scores, combined, anomalous, rule, challengerCombined, challengerAnomalous, variant, Map.of());
    }

    /** The same window without the readings' top features and the weights, for keeping many of them. */
    public Fused compact() {
        UnaryOperator<List<Reading>> strip = readings -> readings.stream()
                .map(r -> new Reading(r.detector(), r.modelName(), r.modelVersion(), r.score(), r.anomalous(), r.shadow(), List.of(),
                        r.settling()))
                .toList();
        WindowScores light = new WindowScores(scores.entity(), scores.domain(), scores.windowStart(), scores.windowEnd(),
                strip.apply(scores.champion()), strip.apply(scores.challenger()), scores.missing());
        return new Fused(light, combined, anomalous, rule, challengerCombined, challengerAnomalous, variant);
    }

    /** Whether the champion or the challenger found the window anomalous. */
    public boolean anyAnomalous() {
        return anomalous || Boolean.TRUE.equals(challengerAnomalous);
    }

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
