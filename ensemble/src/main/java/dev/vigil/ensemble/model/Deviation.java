package dev.vigil.ensemble.model;

/** How far one feature was from its training baseline: a plain copy of {@code FeatureContribution}. */
public record Deviation(String feature, double value, double baseline, double deviation) {
}
