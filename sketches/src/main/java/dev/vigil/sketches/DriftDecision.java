package dev.vigil.sketches;

import java.util.List;

/**
 * The verdict of one drift check over all features of a model, plus the score, alert-rate and label evidence
 * when available.
 *
 * @param severity overall severity (NONE when nothing could be decided)
 * @param decided false when no part of the check had enough data: the window says nothing either way
 * @param features per-feature verdicts, in the order given
 * @param score verdict on the score distribution, or null
 * @param alertRate alert-rate verdict, or null
 * @param performance label-based verdict, or null
 * @param assessedFeatures features with enough data on both sides
 * @param driftedShare share of assessed features at or above the drifted severity (0 when none assessed)
 * @param worstFeature name of the most severe feature, or null when none is above NONE
 * @param reasons the decision in words, most important first
 */
public record DriftDecision(Severity severity, boolean decided, List<FeatureDrift> features, FeatureDrift score,
                            AlertRateChange alertRate, PerformanceDrift performance, int assessedFeatures,
                            double driftedShare, String worstFeature, List<String> reasons) {

    public DriftDecision {
        features = List.copyOf(features);
        reasons = List.copyOf(reasons);
    }
}
