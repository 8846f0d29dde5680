package dev.vigil.models;

/** The bytes are not a model this version of Vigil can read: wrong magic, version, checksum or content. */
public final class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
