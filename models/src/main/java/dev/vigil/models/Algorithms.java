package dev.vigil.models;

import java.util.List;

/** Names of the detector types, as used in model names, parameters and {@code DetectorScore.detector}. */
public final class Algorithms {
    public static final String ISOLATION_FOREST = "isolation-forest";
    public static final String FORECASTER = "forecaster";
    public static final String RULES = "rules";
    public static final String CLASSIFIER = "classifier";

    /** Every detector type, unsupervised ones first. */
    public static final List<String> ALL = List.of(ISOLATION_FOREST, FORECASTER, RULES, CLASSIFIER);

    private Algorithms() {
    }
}
