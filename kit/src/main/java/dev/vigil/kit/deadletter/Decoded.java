package dev.vigil.kit.deadletter;

import dev.vigil.kit.serde.RegistryOutage;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The outcome of decoding one record's value: a value, a tombstone (null value: what that means is the
 * topic's business), or a failure with the reason. A registry outage is not a failure of the record and is
 * thrown, so the caller waits and tries again instead of discarding a good record.
 */
public record Decoded<V>(V value, boolean tombstone, String errorClass, String reason) {

    public static <V> Decoded<V> of(Deserializer<V> deserializer, String topic, byte[] bytes) {
        if (bytes == null) {
            return new Decoded<>(null, true, null, null);
        }
        try {
            V value = deserializer.deserialize(topic, bytes);
            return value == null ? failed("NullValue", "decoded to null from " + bytes.length + " bytes")
                    : new Decoded<>(value, false, null, null);
        } catch (RuntimeException e) {
            if (RegistryOutage.isOutage(e)) {
                throw e;
            }
            return failed(e.getClass().getName(), DeadLetters.describe(e));
        }
    }

    public static <V> Decoded<V> failed(String errorClass, String reason) {
        return new Decoded<>(null, false, errorClass, reason);
    }

    public boolean ok() {
        return value != null;
    }

    public boolean failed() {
        return !tombstone && value == null;
    }
}
