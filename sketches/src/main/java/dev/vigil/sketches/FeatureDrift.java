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
 * @param effect the severity the effect sizes alone reach, before the significance test (NONE when not assessed)
 * @param significance the sampling-error test of the difference
 */
public record FeatureDrift(String name, DistributionComparison comparison, Severity severity, boolean assessed,
                           List<String> reasons, Severity effect, Significance significance) {

    public FeatureDrift {
        reasons = List.copyOf(reasons);
    }

    /** A verdict without a significance test, e.g. a feature excluded from decisions. */
    public FeatureDrift(String name, DistributionComparison comparison, Severity severity, boolean assessed,
                        List<String> reasons) {
        this(name, comparison, severity, assessed, reasons, severity, Significance.UNTESTED);
    }

    /** The same verdict at another severity, with its reasons replaced. */
    public FeatureDrift withSeverity(Severity newSeverity, List<String> newReasons) {
        return new FeatureDrift(name, comparison, newSeverity, assessed, newReasons, effect, significance);
    }
}
