package dev.vigil.sketches;

import java.util.List;

/**
 * The verdict on one distribution (a feature, or the model's score).
 *
 * @param name feature name, or "score"
 * @param comparison the statistics behind the verdict
 * @param severity NONE when not assessed
 * @param assessed false when a side had too few values to judge
 * @param reasons the verdict in words
 */
public record FeatureDrift(String name, DistributionComparison comparison, Severity severity, boolean assessed,
                           List<String> reasons) {

    public FeatureDrift {
        reasons = List.copyOf(reasons);
    }
}
