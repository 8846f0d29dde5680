package dev.vigil.kit.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.RequestEvent;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/** Bad input becomes a dead letter with its reason and source offset; good records around it still flow. */
class DeadLetterTopologyTest {
    private static TopologyHarness start() {
        return TopologyHarness.forApp("dlq-test").start(DeadLetterTopologyTest::topology);
    }

    private static Topology topology(AppContext ctx) {
        StreamsBuilder builder = new StreamsBuilder();
        var events = builder.stream("telemetry.events", Consumed.with(ctx.serdes().key(), ctx.serdes().value(RequestEvent.class)));
        Validation.validate(events, "telemetry.events", RequestEvent.class,
                        e -> e.getLatencyMs() < 0 ? "negative latency " + e.getLatencyMs() + " ms" : null, ctx)
                .to("out", Produced.with(ctx.serdes().key(), ctx.serdes().value(RequestEvent.class)));
        return builder.build();
    }

    private static RequestEvent event(double latency) {
        return RequestEvent.newBuilder().setService("checkout").setTimestamp(Instant.parse("2026-01-01T00:00:00Z"))
                .setLatencyMs(latency).build();
    }

    @Test
    void invalidRecordsGoToTheDeadLetterTopicAndValidOnesAroundThemFlow() {
        try (TopologyHarness app = start()) {
            AppContext ctx = app.context();
            var raw = app.rawInput("telemetry.events");
            var serializer = ctx.serdes().value(RequestEvent.class).serializer();
            raw.pipeInput("checkout", serializer.serialize("telemetry.events", event(12)));
            raw.pipeInput("checkout", "not avro".getBytes(StandardCharsets.UTF_8));
            raw.pipeInput("checkout", serializer.serialize("telemetry.events", event(-3)));
            raw.pipeInput("checkout", serializer.serialize("telemetry.events", event(40)));

            var out = app.output("out", RequestEvent.class);
            assertEquals(2, out.getQueueSize(), "both valid records pass");
            assertEquals(12.0, out.readValue().getLatencyMs());
            assertEquals(40.0, out.readValue().getLatencyMs());

            var dlq = app.deadLetters("telemetry.events");
            // TopologyTestDriver skips undecodable records without forwarding the handler's dead letters;
            // DeadLetterIntegrationTest (devstack) checks that path on a real broker.
            var records = dlq.readRecordsToList();
            assertEquals(1, records.size());
            DeadLetter invalid = records.get(0).value();
            assertEquals(DeadLetters.VALIDATION, invalid.getErrorClass());
            assertEquals("negative latency -3.0 ms", invalid.getReason());
            assertEquals(2, invalid.getOffset());
            assertEquals("telemetry.events", invalid.getSourceTopic());
            assertEquals("negative latency -3.0 ms",
                    new String(records.get(0).headers().lastHeader(DeadLetters.HEADER_REASON).value(), StandardCharsets.UTF_8));
        }
    }

    /** A record that decodes but fails validation keeps the producer's bytes (its own schema id), not a re-encoding. */
    @Test
    void anInvalidRecordKeepsTheBytesItsProducerWrote() throws Exception {
        TopologyHarness app = start();
        AppContext ctx = app.context();
        // The producer writes with a newer schema of its own: one extra field with a default.
        org.apache.avro.Schema reader = RequestEvent.getClassSchema();
        String json = reader.toString().replaceFirst("\\[", "[{\"name\":\"producerNote\",\"type\":\"string\",\"default\":\"\"},");
        org.apache.avro.Schema writer = new org.apache.avro.Schema.Parser().parse(json);
        String scope = ctx.serdes().settings().url().substring("mock://".length());
        int id = dev.vigil.kit.testing.MockSchemaRegistry.forScope(scope).register("telemetry.events-value", writer);
        org.apache.avro.generic.GenericRecord event = new org.apache.avro.generic.GenericData.Record(writer);
        for (org.apache.avro.Schema.Field f : reader.getFields()) {
            event.put(f.name(), event(-5).get(f.name()));
        }
        event.put("producerNote", "from a newer producer");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(dev.vigil.kit.serde.WireFormat.header(id));
        var encoder = org.apache.avro.io.EncoderFactory.get().directBinaryEncoder(out, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(writer,
                org.apache.avro.specific.SpecificData.get()).write(event, encoder);
        byte[] original = out.toByteArray();
        try (app) {
            app.rawInput("telemetry.events").pipeInput("checkout", original);
            var letters = app.deadLetters("telemetry.events").readValuesToList();
            assertEquals(1, letters.size());
            var kept = letters.getFirst().getValue().duplicate();
            byte[] bytes = new byte[kept.remaining()];
            kept.get(bytes);
            org.junit.jupiter.api.Assertions.assertArrayEquals(original, bytes);
        }
    }
}
