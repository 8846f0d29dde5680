package dev.vigil.models;

/** A freshly loaded model failed its canary check and must not replace the model in use. */
public final class CanaryRejectedException extends Exception {
    public CanaryRejectedException(String reason) {
        super(reason);
    }

    public CanaryRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
