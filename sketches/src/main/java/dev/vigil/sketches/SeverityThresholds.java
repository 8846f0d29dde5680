package dev.vigil.sketches;

/**
 * Lower bounds of LOW, MEDIUM, HIGH and CRITICAL for one measure where larger means worse. A bound of
 * {@code Double.POSITIVE_INFINITY} switches that level off.
 */
public record SeverityThresholds(double low, double medium, double high, double critical) {

    public SeverityThresholds {
        if (!(low > 0 && low <= medium && medium <= high && high <= critical)) {
            throw new IllegalArgumentException("thresholds must be positive and ascending: "
                    + low + ", " + medium + ", " + high + ", " + critical);
        }
    }

    /** The severity of a value; NaN (not measured) is NONE. */
    public Severity classify(double value) {
        if (value >= critical) {
            return Severity.CRITICAL;
        }
        if (value >= high) {
            return Severity.HIGH;
        }
        if (value >= medium) {
            return Severity.MEDIUM;
        }
        if (value >= low) {
            return Severity.LOW;
        }
        return Severity.NONE;
    }

    /** The bound a severity starts at; NaN for NONE. */
    public double boundOf(Severity severity) {
        return switch (severity) {
            case NONE -> Double.NaN;
            case LOW -> low;
            case MEDIUM -> medium;
            case HIGH -> high;
            case CRITICAL -> critical;
        };
    }
}
