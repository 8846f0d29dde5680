package dev.vigil.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.RequestEvent;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.app.StreamsApp;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.deadletter.Validation;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's runner on a real broker and registry, with exactly-once on: undecodable and invalid records
 * become dead letters, the records around them are delivered once, and the HTTP endpoint reports readiness.
 */
class DeadLetterIntegrationTest {
    @RegisterExtension
    static final DevStackExtension stack = new DevStackExtension();

    /** A pass-through app that refuses negative latencies. */
    static final class LatencyCheckApp implements StreamsApp {
        @Override
        public String name() {
            return "latency-check";
        }

        @Override
        public Topology topology(AppContext ctx) {
            StreamsBuilder builder = new StreamsBuilder();
            String in = ctx.topic(Topics.TELEMETRY_EVENTS);
            var events = builder.stream(in, Consumed.with(ctx.serdes().key(), ctx.serdes().value(RequestEvent.class)));
            Validation.validate(events, in, RequestEvent.class, e -> e.getLatencyMs() < 0 ? "negative latency" : null, ctx)
                    .to(ctx.topic(Topics.LATE_RECORDS), Produced.with(ctx.serdes().key(), ctx.serdes().value(RequestEvent.class)));
            return builder.build();
        }
    }

    @Test
    void deadLettersOnARealBrokerWithExactlyOnce(@TempDir Path state) throws Exception {
        Map<String, String> settings = stack.appSettings(state);
        settings.put("vigil.topics.partitions", "1");
        VigilConfig config = VigilConfig.of("latency-check", settings);
        try (AppRunner runner = AppRunner.start(new LatencyCheckApp(), config)) {
            assertTrue(runner.awaitReady(Duration.ofSeconds(60)), "app did not reach RUNNING");
            assertEquals(200, get(runner.httpPort(), "/health/ready"));
            produce(List.of(event(5), "garbage".getBytes(), event(-1), event(7)));

            List<RequestEvent> passed = consume(Topics.LATE_RECORDS, 2, RequestEvent.class);
            assertEquals(List.of(5.0, 7.0), passed.stream().map(RequestEvent::getLatencyMs).toList());
            List<DeadLetter> letters = consume(Topics.dlq(Topics.TELEMETRY_EVENTS), 2, DeadLetter.class);
            assertEquals(1, letters.get(0).getOffset());
            assertTrue(letters.get(0).getReason().contains("magic byte"), letters.get(0).getReason());
            assertEquals("negative latency", letters.get(1).getReason());
            assertEquals(2, letters.get(1).getOffset());
            assertTrue(runner.metrics().scrape().contains("vigil_dead_letters_total"));
        }
    }

    private static int get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] event(double latency) {
        RequestEvent e = RequestEvent.newBuilder().setService("checkout").setTimestamp(Instant.now()).setLatencyMs(latency).build();
        return new AvroSerializer<>(RequestEvent.class, RegistrySettings.of(stack.registryUrl()), false)
                .serialize(Topics.TELEMETRY_EVENTS, e);
    }

    private static void produce(List<byte[]> values) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(Topics.TELEMETRY_EVENTS, "checkout", v)).get();
            }
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> consume(String topic, int count, Class<T> type) {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        p.put("group.id", "reader-" + topic);
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        var reader = new AvroDeserializer<>(type, RegistrySettings.of(stack.registryUrl()));
        List<T> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> out.add(reader.deserialize(topic, r.value())));
            }
        }
        assertEquals(count, out.size(), "records on " + topic);
        return out;
    }
}
