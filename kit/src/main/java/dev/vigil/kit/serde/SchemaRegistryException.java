package dev.vigil.kit.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The registry refused a request or could not be reached; the message says which and why. */
public class SchemaRegistryException extends SerializationException {
    private final int httpStatus;

    public SchemaRegistryException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
    }

    /** HTTP status of the registry's answer, or -1 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }
}
