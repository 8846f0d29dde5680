package dev.vigil.models;

import java.io.Serial;
import java.util.List;
import java.util.Map;

/** What every detector shares: schema, parameters, calibration and input checks. */
abstract class CalibratedModel implements AnomalyModel {
    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> featureNames;
    private final Map<String, String> parameters;
    private final double targetFalsePositiveRate;
    private ScoreCalibration calibration;

    CalibratedModel(List<String> featureNames, Map<String, String> parameters, double targetFalsePositiveRate) {
        this.featureNames = List.copyOf(featureNames);
        this.parameters = Map.copyOf(parameters);
        this.targetFalsePositiveRate = targetFalsePositiveRate;
    }

    /** Set once by the trainer after it has scored the training data with the uncalibrated model. */
    final void calibrate(ScoreCalibration calibration) {
        if (this.calibration != null) {
            throw new IllegalStateException("model already calibrated");
        }
        this.calibration = calibration;
    }

    @Override
    public final List<String> featureNames() {
        return featureNames;
    }

    @Override
    public final Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public final double targetFalsePositiveRate() {
        return targetFalsePositiveRate;
    }

    @Override
    public final double threshold() {
        return calibration().threshold();
    }

    public final ScoreCalibration calibration() {
        if (calibration == null) {
            throw new IllegalStateException("model is not calibrated");
        }
        return calibration;
    }

    @Override
    public int historyLength() {
        return 0;
    }

    @Override
    public final double rawScore(double[] features, List<double[]> history) {
        checkVector(features);
        return raw(read(features), usedHistory(history));
    }

    @Override
    public final Scored score(double[] features, List<double[]> history) {
        checkVector(features);
        return scoreChecked(read(features), usedHistory(history));
    }

    /** A vector as the model was trained to read it: request statistics smoothed when its parameters say so. */
    private double[] read(double[] features) {
        return smoothsSmallSamples() ? SmallSamples.read(featureNames, features, reading()) : features;
    }

    private boolean smoothsSmallSamples() {
        return reading() != SmallSamples.Reading.RAW;
    }

    private SmallSamples.Reading reading() {
        return SmallSamples.readingOf(parameters);
    }

    /** The last {@link #historyLength()} windows of the history, each checked like the scored vector and read like it. */
    private List<double[]> usedHistory(List<double[]> history) {
        int length = historyLength();
        if (history == null || history.isEmpty() || length == 0) {
            return List.of();
        }
        List<double[]> used = history.subList(Math.max(0, history.size() - length), history.size());
        for (double[] window : used) {
            checkVector(window);
        }
        return smoothsSmallSamples() ? used.stream().map(this::read).toList() : used;
    }

    /** Scores a checked vector; models whose score and explanation share work override this. */
    Scored scoreChecked(double[] features, List<double[]> history) {
        return scored(raw(features, history), explain(features, history));
    }

    final Scored scored(double raw, List<TopFeature> topFeatures) {
        ScoreCalibration c = calibration();
        return new Scored(raw, c.calibrate(raw), c.anomalous(raw), topFeatures);
    }

    /** The raw score of a checked vector. */
    abstract double raw(double[] features, List<double[]> history);

    /** The features that deviate most, largest first, at most {@link Scored#TOP_FEATURES}. */
    abstract List<TopFeature> explain(double[] features, List<double[]> history);

    private void checkVector(double[] features) {
        if (features == null || features.length != featureNames.size()) {
            throw new IllegalArgumentException("expected " + featureNames.size() + " features, got "
                    + (features == null ? "null" : features.length));
        }
        for (int j = 0; j < features.length; j++) {
            if (!Double.isFinite(features[j])) {
                throw new IllegalArgumentException("feature " + featureNames.get(j) + " is not finite: " + features[j]);
            }
        }
    }

    @Override
    public String toString() {
        return algorithm() + "[features=" + featureNames.size() + ", threshold=" + threshold() + ", parameters=" + parameters + "]";
    }
}
