package dev.vigil.models;

import java.util.List;

/**
 * One model's verdict on one vector.
 *
 * @param rawScore    the model's own score, in its own units
 * @param score       calibrated score in [0, 1]; the threshold maps to 0.5
 * @param anomalous   true when the raw score is above the threshold
 * @param topFeatures features that deviated most, largest first (at most {@link #TOP_FEATURES})
 */
public record Scored(double rawScore, double score, boolean anomalous, List<TopFeature> topFeatures) {

    /** How many contributing features a verdict names. */
    public static final int TOP_FEATURES = 3;

    public Scored {
        topFeatures = List.copyOf(topFeatures);
    }
}
