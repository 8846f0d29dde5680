package dev.vigil.models;

import java.io.Serial;
import java.util.List;
import java.util.Map;
import smile.anomaly.IsolationForest;

/** Smile's isolation forest with its own calibrated threshold and a robust baseline for explanations. */
public final class IsolationForestModel extends CalibratedModel {
    @Serial
    private static final long serialVersionUID = 1L;

    private final IsolationForest forest;
    private final FeatureBaseline baseline;
    private final FeatureTransform transform;

    IsolationForestModel(IsolationForest forest, FeatureTransform transform, FeatureBaseline baseline,
                         List<String> featureNames, Map<String, String> parameters, double targetFpr) {
        super(featureNames, parameters, targetFpr);
        this.forest = forest;
        this.transform = transform;
        this.baseline = baseline;
    }

    @Override
    public String algorithm() {
        return Algorithms.ISOLATION_FOREST;
    }

    /** Smile's anomaly score 2^(-E[path]/c(ψ)): near 1 is isolated quickly, around 0.5 or less is normal. */
    @Override
    double raw(double[] features, List<double[]> history) {
        return forest.score(transform.apply(features));
    }

    @Override
    List<TopFeature> explain(double[] features, List<double[]> history) {
        return baseline.top(features, Scored.TOP_FEATURES);
    }
}
