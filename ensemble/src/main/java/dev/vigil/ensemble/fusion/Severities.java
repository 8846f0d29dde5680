package dev.vigil.ensemble.fusion;

import dev.vigil.avro.Severity;
import java.util.Arrays;

/** Severity bands of a combined score: below the first bound NONE, then LOW, MEDIUM, HIGH, CRITICAL. */
public final class Severities {
    private final double[] bounds;

    /** Four increasing lower bounds of LOW, MEDIUM, HIGH and CRITICAL, e.g. 0.5, 0.7, 0.85, 0.95. */
    public Severities(double... bounds) {
        if (bounds.length != 4) {
            throw new IllegalArgumentException("Severity bands need four bounds (LOW, MEDIUM, HIGH, CRITICAL), got " + bounds.length);
        }
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("Severity bands must increase: " + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
    }

    public static Severities parse(String text) {
        return new Severities(Arrays.stream(text.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray());
    }

    public Severity of(double score) {
        int level = 0;
        while (level < bounds.length && score >= bounds[level]) {
            level++;
        }
        return Severity.values()[level];
    }
}
