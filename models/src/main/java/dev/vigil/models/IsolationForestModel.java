package dev.vigil.models;

import java.io.Serial;
import java.util.List;
import java.util.Map;
import smile.anomaly.IsolationForest;

/**
 * An isolation forest trained by Smile, with its own calibrated threshold and a robust baseline for
 * explanations. Scores come from a flat copy of Smile's trees ({@link CompactIsolationForest}); Smile's
 * object is kept only if that copy could not be made.
 */
public final class IsolationForestModel extends CalibratedModel {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Null when {@link #compact} scores instead. */
    private final IsolationForest forest;
    private final CompactIsolationForest compact;
    private final FeatureBaseline baseline;
    private final FeatureTransform transform;

    IsolationForestModel(IsolationForest forest, CompactIsolationForest compact, FeatureTransform transform,
                         FeatureBaseline baseline, List<String> featureNames, Map<String, String> parameters, double targetFpr) {
        super(featureNames, parameters, targetFpr);
        this.forest = compact == null ? forest : null;
        this.compact = compact;
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
        double[] x = transform.apply(features);
        return compact != null ? compact.score(x) : forest.score(x);
    }

    @Override
    List<TopFeature> explain(double[] features, List<double[]> history) {
        return baseline.top(features, Scored.TOP_FEATURES);
    }
}
