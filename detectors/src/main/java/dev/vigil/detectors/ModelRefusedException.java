package dev.vigil.detectors;

/** A model version that must not serve: unsigned or wrongly signed, its artifact incomplete, corrupt, mismatched or failing its canary. */
public final class ModelRefusedException extends Exception {
    /** Why, as a short metric tag. */
    public enum Reason {
        INTEGRITY, FORMAT, MISMATCH, CANARY, SIGNATURE;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public ModelRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
