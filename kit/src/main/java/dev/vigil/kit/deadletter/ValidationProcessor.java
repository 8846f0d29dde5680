package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Runs a validator on each value; invalid ones become dead letters that name their source offset. */
final class ValidationProcessor<V> implements FixedKeyProcessor<String, V, Checked<V>> {
    private final String app;
    private final Validation.KeyedValidator<V> validator;
    private final Function<V, Instant> eventTime;
    private final TimeBounds bounds;
    private final Serializer<V> valueSerializer;
    private final MeterRegistry metrics;
    private FixedKeyProcessorContext<String, Checked<V>> context;

    ValidationProcessor(String app, Validation.KeyedValidator<V> validator, Function<V, Instant> eventTime, TimeBounds bounds,
                        Serializer<V> valueSerializer, MeterRegistry metrics) {
        this.app = app;
        this.validator = validator;
        this.eventTime = eventTime;
        this.bounds = bounds;
        this.valueSerializer = valueSerializer;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        String problem = record.value() == null ? "value is null" : validator.problem(record.key(), record.value());
        if (problem == null && eventTime != null) {
            Instant at = eventTime.apply(record.value());
            problem = at == null ? "event time is missing" : bounds.problem("event time", at.toEpochMilli(),
                    context.currentStreamTimeMs(), context.currentSystemTimeMs());
        }
        if (problem == null) {
            context.forward(record.withValue(new Checked<>(record.value(), null)));
            return;
        }
        var meta = context.recordMetadata();
        String topic = meta.map(m -> m.topic()).orElse("unknown");
        byte[] key = record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] raw = sourceRawValue();
        byte[] value = raw != null ? raw : record.value() == null ? null : valueSerializer.serialize(topic, record.value());
        DeadLetter letter = DeadLetters.letter(app, topic, meta.map(m -> m.partition()).orElse(-1),
                meta.map(m -> m.offset()).orElse(-1L), key, value, DeadLetters.VALIDATION, problem);
        metrics.counter("vigil.dead.letters", "topic", topic, "kind", "validation").increment();
        DeadLetters.headers(letter).forEach(h -> record.headers().add(h));
        context.forward(record.withValue(new Checked<>(null, letter)));
    }

    /**
     * The bytes the record arrived with, so the dead letter keeps exactly what the producer wrote (its schema
     * id included) instead of a re-encoding that would register our schema under the producer's subject.
     * Streams keeps them for its error handlers (KIP-1034) but exposes them to processors only through its
     * internal record context; where that is not at hand the value is re-encoded.
     */
    private byte[] sourceRawValue() {
        if (context instanceof org.apache.kafka.streams.processor.internals.InternalProcessorContext<?, ?> internal
                && internal.recordContext() != null) {
            return internal.recordContext().sourceRawValue();
        }
        return null;
    }
}
