package dev.vigil.aggregator.stream;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.deadletter.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Records that arrive after every window they belong to has closed are never dropped silently: each is counted
 * ({@code vigil.aggregator.late.records}, tagged by topic) and sent to {@code late.records} as a
 * {@link DeadLetter} of error class {@code late} carrying the original bytes, so it can be inspected or replayed.
 */
final class LateRecords<V> {
    static final String COUNTER = "vigil.aggregator.late.records";
    static final String ERROR_CLASS = "late";

    private final String app;
    private final Function<V, byte[]> valueBytes;
    private final MeterRegistry metrics;
    private final long graceMillis;

    LateRecords(String app, Function<V, byte[]> valueBytes, MeterRegistry metrics, long graceMillis) {
        this.app = app;
        this.valueBytes = valueBytes;
        this.metrics = metrics;
        this.graceMillis = graceMillis;
    }

    void send(ProcessorContext<String, Emitted> context, Record<String, V> record, long eventTime, long streamTime) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        String reason = "event time " + Instant.ofEpochMilli(eventTime) + " is more than the grace of " + graceMillis
                + " ms behind stream time " + Instant.ofEpochMilli(streamTime) + ": its windows are closed";
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetters.letter(app, topic, partition, offset, key, valueBytes.apply(record.value()),
                ERROR_CLASS, reason);
        metrics.counter(COUNTER, "topic", topic).increment();
        Record<String, Emitted> out = record.withValue((Emitted) new Emitted.Late(letter)).withHeaders(DeadLetters.headers(letter));
        context.forward(out);
    }
}
