package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.serde.RegistryOutage;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception thrown while processing one record sends that record's source bytes to {@code <topic>.dlq}
 * with the reason, instead of killing the stream thread; the other records keep flowing.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private HandlerSettings settings;

    @Override
    public void configure(Map<String, ?> configs) {
        settings = HandlerSettings.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        DeadLetter letter = DeadLetters.letter(settings.app(), context.topic(), context.partition(), context.offset(),
                context.sourceRawKey(), context.sourceRawValue(), exception.getClass().getName(),
                "processing failed in " + context.processorNodeId() + ": " + DeadLetters.describe(exception));
        LOG.warn("Dead letter: processing {}-{}@{} failed: {}", context.topic(), context.partition(), context.offset(),
                letter.getReason(), exception);
        var deadLetter = RegistryOutage.isOutage(exception) ? null
                : DeadLetters.encodeOrNull(letter, settings.deadLetterTopic(letter.getSourceTopic()), settings.registry());
        if (deadLetter == null) {
            // The registry is away: fail, so the thread is replaced and the record processed again later.
            return Response.fail();
        }
        Metrics.counter("vigil.dead.letters", "topic", String.valueOf(context.topic()), "kind", "processing").increment();
        return Response.resume(List.of(deadLetter));
    }
}
