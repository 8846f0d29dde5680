package dev.vigil.models;

import java.util.Map;

/** Entry point for training: one call per detector type, parameters as strings (see each trainer's keys). */
public final class Trainers {
    private Trainers() {
    }

    /**
     * Trains a model.
     *
     * @param algorithm one of {@link Algorithms#ALL}
     * @param data      training rows; unsupervised detectors learn from rows not labelled anomalous,
     *                  the forecaster also needs entity sequences, the classifier needs labels
     * @param params    hyper-parameters, e.g. {@code trees}, {@code sampleSize}, {@code lags}, {@code ridge},
     *                  {@code targetFpr}, {@code seed}; missing keys take defaults
     * @throws IllegalArgumentException for an unknown algorithm, bad parameters or unsuitable data
     */
    public static AnomalyModel train(String algorithm, TrainingSet data, Map<String, String> params) {
        Params p = new Params(params);
        TrainingSet input = read(data, p);
        return switch (algorithm) {
            case Algorithms.ISOLATION_FOREST -> IsolationForestTrainer.train(input, p);
            case Algorithms.FORECASTER -> ForecasterTrainer.train(input, p);
            case Algorithms.RULES -> RulesTrainer.train(input, p);
            case Algorithms.CLASSIFIER -> ClassifierTrainer.train(input, p);
            default -> throw new IllegalArgumentException("unknown algorithm " + algorithm + ", expected one of " + Algorithms.ALL);
        };
    }

    /**
     * The rows as the model will read them: a service's request statistics smoothed ({@link SmallSamples}) as the
     * {@code smallSamples} parameter says ({@code log-change} by default, {@code smoothed} or {@code raw}); the choice is
     * kept in the model's parameters, and the model reads every vector it scores the same way.
     */
    private static TrainingSet read(TrainingSet data, Params p) {
        if (!SmallSamples.applies(data.featureNames())) {
            return data;
        }
        return SmallSamples.read(data, p.choice(SmallSamples.PARAMETER, SmallSamples.Reading.LOG_CHANGE));
    }

    /**
     * Whether {@code algorithm} can be trained on this data: the classifier needs enough labels of both
     * classes ({@code minPerClass}, default 10), the forecaster at least 20 windows that have {@code lags}
     * windows of history, the others at least 20 rows not labelled anomalous.
     */
    public static boolean canTrain(String algorithm, TrainingSet data, Map<String, String> params) {
        Map<String, String> given = params == null ? Map.of() : params;
        return switch (algorithm) {
            case Algorithms.CLASSIFIER -> ClassifierTrainer.canTrain(data,
                    Integer.parseInt(given.getOrDefault(ClassifierTrainer.MIN_PER_CLASS, "10").trim()));
            case Algorithms.FORECASTER -> ForecasterTrainer.sampleCount(data,
                    Integer.parseInt(given.getOrDefault(ForecasterTrainer.LAGS, "3").trim())) >= ForecasterTrainer.MIN_SAMPLES;
            case Algorithms.ISOLATION_FOREST, Algorithms.RULES -> data.normalRows().length >= 20;
            default -> false;
        };
    }
}
