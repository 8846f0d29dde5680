package dev.vigil.sketches;

import java.util.Map;

/**
 * A model's validation figures, the reference for label-based drift. NaN marks a figure that was not
 * measured; it is then not checked.
 */
public record ExpectedPerformance(double precision, double recall, double falsePositiveRate) {

    /** Reads the keys {@code precision}, {@code recall} and {@code fpr} of {@code ModelVersion.validation}. */
    public static ExpectedPerformance fromValidation(Map<String, Double> validation) {
        return new ExpectedPerformance(validation.getOrDefault("precision", Double.NaN),
                validation.getOrDefault("recall", Double.NaN), validation.getOrDefault("fpr", Double.NaN));
    }
}
