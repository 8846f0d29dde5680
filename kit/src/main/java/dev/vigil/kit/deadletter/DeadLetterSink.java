package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;

/**
 * Where dead letters go when there is no stream task to write them in its transaction: the global-store
 * thread, service loops. Implementations send each letter (same app, source topic, partition and offset)
 * at most once and never lose one because the registry is away.
 */
public interface DeadLetterSink extends AutoCloseable {
    void send(DeadLetter letter);

    /** Letters accepted but not yet written (waiting for the broker or the registry). */
    int pending();

    @Override
    default void close() {
    }
}
