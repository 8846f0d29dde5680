package dev.vigil.ensemble.fusion;

import dev.vigil.ensemble.ab.VariantSplit;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.models.fusion.CombinationRule;
import dev.vigil.models.fusion.ScoreFusion;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Combines a window's champion readings (and, when there are any, the challenger's) by the configured
 * rule ({@link ScoreFusion}, shared with the BGP bench). Shadow readings never decide {@link Fused#anomalous()}:
 * they only give the challenger's verdict, which the champion/challenger trial counts.
 */
public final class Fusion {
    private final ScoreFusion fusion;
    private final VariantSplit split;

    /** A null split disables champion/challenger assignment. */
    public Fusion(CombinationRule rule, double threshold, VariantSplit split) {
        this(rule, threshold, 1, split);
    }

    /**
     * @param minDetectors champion readings a window needs before it can be anomalous: with 2, a window that only one
     *                     detector scored (the others not serving yet, or waited for in vain) never alerts on its own
     */
    public Fusion(CombinationRule rule, double threshold, int minDetectors, VariantSplit split) {
        this(new ScoreFusion(rule, threshold, minDetectors), split);
    }

    /** With every setting of the decision, the agreement quorum among them ({@link ScoreFusion#minAgreeing}). */
    public Fusion(ScoreFusion fusion, VariantSplit split) {
        this.fusion = fusion;
        this.split = split;
    }

    public Fused fuse(WindowScores scores, ToDoubleFunction<String> weights) {
        double combined = fusion.combine(scores.champion(), weights);
        Double challenger = null;
        Boolean challengerAnomalous = null;
        String variant = null;
        if (scores.hasChallenger()) {
            challenger = fusion.combine(scores.challengerView(), weights);
            challengerAnomalous = fusion.anomalous(scores.challengerView(), challenger);
            variant = split == null ? null : split.variantOf(scores.entity()).name();
        }
        boolean anomalous = fusion.anomalous(scores.champion(), combined);
        return new Fused(scores, combined, anomalous, fusion.rule().label(), challenger, challengerAnomalous, variant,
                anomalous || fusion.agreed(scores.champion()) ? weightsUsed(scores, weights) : Map.of());
    }

    /** Whether the window's champion readings meet the quorum ({@link ScoreFusion#agreed}): enough to sustain an incident. */
    public boolean agreed(Fused fused) {
        return fusion.agreed(fused.scores().champion());
    }

    /** Only windows that can become alerts carry weights into the journal: most windows carry none. */
    private static Map<String, Double> weightsUsed(WindowScores scores, ToDoubleFunction<String> weights) {
        Map<String, Double> used = new TreeMap<>();
        scores.champion().forEach(r -> used.put(r.detector(), weights.applyAsDouble(r.detector())));
        return used;
    }

    public CombinationRule rule() {
        return fusion.rule();
    }
}
