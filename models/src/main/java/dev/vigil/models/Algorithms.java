package dev.vigil.models;

import java.util.List;

/** Names of the detector types, as used in model names, parameters and {@code DetectorScore.detector}. */
public final class Algorithms {
    public static final String ISOLATION_FOREST = "isolation-forest";
    public static final String FORECASTER = "forecaster";
    public static final String RULES = "rules";
    public static final String CLASSIFIER = "classifier";
    /** The per-entity adaptive detector: it learns online in the detectors app and has no trained versions. */
    public static final String ADAPTIVE = "adaptive";

    /** Every detector type the retrainer trains, unsupervised ones first. */
    public static final List<String> ALL = List.of(ISOLATION_FOREST, FORECASTER, RULES, CLASSIFIER);

    /** Every detector that writes scores: the trained ones and the adaptive one. */
    public static final List<String> SCORING = List.of(ISOLATION_FOREST, FORECASTER, RULES, CLASSIFIER, ADAPTIVE);

    private Algorithms() {
    }
}
