package dev.vigil.sketches;

/**
 * Severity of a drift finding, lowest first. The names match the Avro enum {@code dev.vigil.avro.Severity},
 * so apps convert with {@code Severity.valueOf(name())}.
 */
public enum Severity {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** One level lower; NONE stays NONE. */
    public Severity lower() {
        return this == NONE ? NONE : values()[ordinal() - 1];
    }

    public static Severity min(Severity a, Severity b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
