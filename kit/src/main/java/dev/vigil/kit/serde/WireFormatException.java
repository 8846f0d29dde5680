package dev.vigil.kit.serde;

import org.apache.kafka.common.errors.SerializationException;

/** Bytes that are not a valid Confluent-framed Avro value: wrong magic byte, too short, or a truncated body. */
public class WireFormatException extends SerializationException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
