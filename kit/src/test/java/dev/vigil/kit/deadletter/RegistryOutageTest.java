package dev.vigil.kit.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.kit.testing.TestContexts;
import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.StreamsProperties;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.testing.MockSchemaRegistry;
import dev.vigil.kit.serde.SchemaRegistryException;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.junit.jupiter.api.Test;

/**
 * During a registry outage a dead letter whose schema id is cached is still written and counted; one that
 * cannot be encoded, or a record that cannot be decoded for want of its schema, fails (the thread is
 * replaced and the record read again) and is not counted: nothing is lost or miscounted.
 */
class RegistryOutageTest {
    @Test
    void cachedSchemasKeepDeadLettersFlowingAndAnOutageNeverLosesOrMiscountsARecord() {
        AppContext ctx = TestContexts.forApp("outage-test", Map.of());
        String scope = ctx.serdes().settings().url().substring("mock://".length());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.addRegistry(meters);
        try {
            DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
            Map<String, Object> configs = new HashMap<>();
            StreamsProperties.of("outage-test", ctx.config()).forEach((k, v) -> configs.put(k.toString(), v));
            handler.configure(configs);
            ErrorHandlerContext context = null;
            ConsumerRecord<byte[], byte[]> garbage = new ConsumerRecord<>("telemetry.events", 0, 7, new byte[] {1}, new byte[] {9, 9});

            MockSchemaRegistry.forScope(scope).setUnavailable(true);
            assertEquals(DeserializationExceptionHandler.Result.FAIL, handler.handleError(context, garbage,
                    new IllegalStateException("bad bytes")).result(), "the DeadLetter schema is not cached yet: retry later");
            assertEquals(0.0, count(meters), "a letter not written is not counted");

            MockSchemaRegistry.forScope(scope).setUnavailable(false);
            DeadLetters.warmUp(ctx.serdes().settings(), ctx.topics(), "outage-test");
            MockSchemaRegistry.forScope(scope).setUnavailable(true);
            var response = handler.handleError(context, garbage, new IllegalStateException("bad bytes"));
            assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
            assertEquals(1, response.deadLetterQueueRecords().size(), "written from the cached schema id");
            assertEquals(1.0, count(meters));

            Exception unknownSchema = new SchemaRegistryException("unreachable", new java.net.ConnectException("down"));
            assertEquals(DeserializationExceptionHandler.Result.FAIL, handler.handleError(context, garbage, unknownSchema).result(),
                    "a record whose schema cannot be fetched is retried, not dead-lettered");
            assertEquals(1.0, count(meters));

            var decoded = new AvroDeserializer<>(DeadLetter.class, ctx.serdes().settings());
            assertNotNull(decoded.deserialize("telemetry.events.dlq", response.deadLetterQueueRecords().getFirst().value()));
            assertNull(DeadLetters.encodeOrNull(DeadLetters.letter("a", "x", 0, 0, null, null, "e", "r"), "never-seen.dlq",
                    ctx.serdes().settings()));
        } finally {
            MockSchemaRegistry.forScope(scope).setUnavailable(false);
            Metrics.removeRegistry(meters);
        }
    }

    private static double count(SimpleMeterRegistry meters) {
        var c = meters.find("vigil.dead.letters").tags("topic", "telemetry.events").counter();
        return c == null ? 0 : c.count();
    }
}
