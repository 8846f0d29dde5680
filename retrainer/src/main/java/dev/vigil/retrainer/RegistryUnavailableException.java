package dev.vigil.retrainer;

/**
 * The registry (or another store) could not be read or written. Unlike a model that cannot be trained, this
 * must not be recorded as an outcome: the request stays uncommitted and is retried.
 */
public final class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
