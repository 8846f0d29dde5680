package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.serde.RegistryOutage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarded decode of records read outside a stream task's dead-letter handlers (global stores, service
 * loops): a record that does not decode is dead-lettered with its original bytes and reason and reported as
 * failed, never thrown. While the registry is away a record is retried, up to {@code outageWait}, because
 * it is probably fine; after that it is dead-lettered too (its bytes stay in the dead-letter topic).
 */
public final class RecordGuard<V> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordGuard.class);

    private final String app;
    private final Deserializer<V> deserializer;
    private final DeadLetterSink sink;
    private final Duration outageWait;

    public RecordGuard(String app, Deserializer<V> deserializer, DeadLetterSink sink, Duration outageWait) {
        this.app = app;
        this.deserializer = deserializer;
        this.sink = sink;
        this.outageWait = outageWait;
    }

    /** Decodes a value; a failure has been dead-lettered when this returns. */
    public Decoded<V> decode(String topic, int partition, long offset, String key, byte[] value) {
        Decoded<V> decoded = decodeWaitingForRegistry(topic, value);
        if (decoded.failed()) {
            reject(topic, partition, offset, key, value, decoded.errorClass(), decoded.reason());
        }
        return decoded;
    }

    /** Dead-letters a record that decoded but must not be used (a tombstone where none is allowed, a bad key). */
    public void reject(String topic, int partition, long offset, String key, byte[] value, String errorClass, String reason) {
        LOG.warn("Dead letter: {}-{}@{} (key {}): {}", topic, partition, offset, key, reason);
        DeadLetter letter = DeadLetters.letter(app, topic, partition, offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, errorClass, reason);
        sink.send(letter);
    }

    private Decoded<V> decodeWaitingForRegistry(String topic, byte[] value) {
        long deadline = System.nanoTime() + outageWait.toNanos();
        long backoffMs = 200;
        while (true) {
            try {
                return Decoded.of(deserializer, topic, value);
            } catch (RuntimeException e) {
                if (!RegistryOutage.isOutage(e)) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    return Decoded.failed(e.getClass().getName(),
                            "schema registry unavailable for " + outageWait + ": " + DeadLetters.describe(e));
                }
                LOG.warn("Schema registry unavailable while decoding a record of {}; retrying in {} ms: {}", topic, backoffMs,
                        e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMs = Math.min(10_000, backoffMs * 2);
            }
        }
    }
}
