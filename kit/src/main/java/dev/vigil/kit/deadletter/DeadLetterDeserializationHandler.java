package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.serde.RegistryOutage;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be deserialised (wrong magic byte, truncated body, unknown schema id) to
 * {@code <topic>.dlq} inside the same transaction as the app's other output, then carries on. While the
 * schema registry is away nothing is dead-lettered or counted: a record that cannot be decoded for want of
 * its schema, or whose dead letter cannot be encoded, fails the thread, which is replaced and reads the
 * record again (nothing was committed), so no good record is lost and no letter is counted twice.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private HandlerSettings settings;

    @Override
    public void configure(Map<String, ?> configs) {
        settings = HandlerSettings.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (RegistryOutage.isOutage(exception)) {
            // The record is probably fine: fail, so the thread is replaced and the record read again later.
            LOG.error("Schema registry unavailable while decoding {}-{}@{}; the record will be retried: {}", record.topic(),
                    record.partition(), record.offset(), exception.getMessage());
            return Response.fail();
        }
        DeadLetter letter = DeadLetters.letter(settings.app(), record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), exception.getClass().getName(), DeadLetters.describe(exception));
        LOG.warn("Dead letter: cannot deserialise {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), letter.getReason());
        var deadLetter = DeadLetters.encodeOrNull(letter, settings.deadLetterTopic(letter.getSourceTopic()), settings.registry());
        if (deadLetter == null) {
            return Response.fail();
        }
        Metrics.counter("vigil.dead.letters", "topic", record.topic(), "kind", "deserialization").increment();
        return Response.resume(List.of(deadLetter));
    }
}
