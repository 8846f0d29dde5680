package dev.vigil.models;

import java.io.Serial;
import java.util.List;
import java.util.Map;
import smile.classification.RandomForest;
import smile.data.Tuple;
import smile.data.type.StructType;

/** Smile random forest over labelled windows; raw score = P(anomaly). */
public final class ClassifierModel extends CalibratedModel {
    @Serial
    private static final long serialVersionUID = 1L;

    private final RandomForest forest;
    private final StructType schema;
    private final int anomalyClass;
    private final FeatureBaseline baseline;

    ClassifierModel(RandomForest forest, StructType schema, int anomalyClass, FeatureBaseline baseline,
                    List<String> featureNames, Map<String, String> parameters, double targetFpr) {
        super(featureNames, parameters, targetFpr);
        this.forest = forest;
        this.schema = schema;
        this.anomalyClass = anomalyClass;
        this.baseline = baseline;
    }

    @Override
    public String algorithm() {
        return Algorithms.CLASSIFIER;
    }

    /** Mean of the trees' class probabilities for the anomaly class. */
    @Override
    double raw(double[] features, List<double[]> history) {
        double[] posteriori = new double[2];
        forest.predict(Tuple.of(schema, features), posteriori);
        return posteriori[anomalyClass];
    }

    @Override
    List<TopFeature> explain(double[] features, List<double[]> history) {
        return baseline.top(features, Scored.TOP_FEATURES);
    }

    /** Smile's mean-decrease-of-impurity importance per feature, in schema order. */
    public double[] importance() {
        return forest.importance().clone();
    }
}
