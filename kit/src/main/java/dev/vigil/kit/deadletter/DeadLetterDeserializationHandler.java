package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;
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
 * {@code <topic>.dlq} inside the same transaction as the app's other output, then carries on.
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
        DeadLetter letter = DeadLetters.letter(settings.app(), record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), exception.getClass().getName(), DeadLetters.describe(exception));
        LOG.warn("Dead letter: cannot deserialise {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), letter.getReason());
        Metrics.counter("vigil.dead.letters", "topic", record.topic(), "kind", "deserialization").increment();
        return Response.resume(List.of(DeadLetters.producerRecord(letter, settings.deadLetterTopic(letter.getSourceTopic()), settings.registry())));
    }
}
