package dev.vigil.devstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.SegmentType;
import dev.vigil.avro.UpdateType;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.serde.SchemaRegistryException;
import dev.vigil.kit.serde.WireFormat;
import dev.vigil.kit.topics.TopicAdmin;
import dev.vigil.kit.topics.TopicSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a downstream consumer or a Kafka UI relies on: a record written by Vigil's serde to a real broker,
 * with its schema in a real registry (Apicurio), is readable by clients no one here wrote: kcat fetches
 * the raw bytes, the registry's REST API returns the writer schema, and Apache avro-tools decodes the body.
 */
class WireFormatInteropTest {
    private static final String TOPIC = "interop.bgp.updates";
    private static DevStack stack;

    @BeforeAll
    static void startStack() {
        stack = DevStack.start();
        TopicAdmin.ensure(clientProps(), List.of(new TopicSpec(TOPIC, 1, (short) 1, Map.of())));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Properties clientProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrapServers());
        return p;
    }

    static BgpUpdate sampleUpdate() {
        return BgpUpdate.newBuilder().setCollector("rrc04").setPeerAsn(513).setPeerAddress("192.65.185.3")
                .setType(UpdateType.ANNOUNCE).setPrefix("198.51.100.0/24")
                .setAsPath(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, List.of(513L, 3356L, 64500L)),
                        new AsPathSegment(SegmentType.AS_SET, List.of(64501L, 64502L))))
                .setOrigin(OriginType.IGP).setNextHop("192.65.185.3").setCommunities(List.of("3356:100"))
                .setTimestamp(Instant.parse("2001-07-19T13:00:00Z")).build();
    }

    @Test
    void recordWrittenByVigilIsReadByOutsideClients() throws Exception {
        RegistrySettings registry = RegistrySettings.of(stack.registryUrl());
        BgpUpdate update = sampleUpdate();
        byte[] written = new AvroSerializer<>(BgpUpdate.class, registry, false).serialize(TOPIC, update);
        produce(written);

        // Our own deserializer reads it back from the broker.
        byte[] consumed = consumeOne();
        assertArrayEquals(written, consumed);
        assertEquals(update, new AvroDeserializer<>(BgpUpdate.class, registry).deserialize(TOPIC, consumed));

        // kcat sees magic byte 0 and the schema id in the raw bytes.
        byte[] raw = OutsideClients.kcatFirstValue(stack.bootstrapServers(), TOPIC, 0);
        assertArrayEquals(written, raw, "kcat must fetch exactly the bytes Vigil wrote");
        assertEquals(0, raw[0], "magic byte");
        int schemaId = ByteBuffer.wrap(raw, 1, 4).getInt();

        // The registry's REST API returns the writer schema for that id.
        Schema writerSchema = fetchSchema(schemaId);
        assertEquals(BgpUpdate.getClassSchema(), writerSchema);

        // Apache avro-tools decodes the body with it to the same field values.
        byte[] body = Arrays.copyOfRange(raw, WireFormat.HEADER_SIZE, raw.length);
        JsonNode json = new ObjectMapper().readTree(OutsideClients.avroToolsFragToJson(writerSchema.toString(), body));
        assertEquals("rrc04", json.get("collector").asText());
        assertEquals(513, json.get("peerAsn").asLong());
        assertEquals("ANNOUNCE", json.get("type").asText());
        assertEquals("198.51.100.0/24", json.get("prefix").asText());
        assertEquals("AS_SET", json.get("asPath").get(1).get("type").asText());
        assertEquals(64502, json.get("asPath").get(1).get("asns").get(1).asLong());
        assertEquals(update.getTimestamp().toEpochMilli(), json.get("timestamp").asLong());
    }

    @Test
    void unknownSchemaIdIsAClearError() {
        RegistrySettings registry = RegistrySettings.of(stack.registryUrl());
        byte[] framed = ByteBuffer.allocate(7).put((byte) 0).putInt(987_654).put(new byte[] {2, 4}).array();
        var error = assertThrows(SchemaRegistryException.class,
                () -> new AvroDeserializer<>(BgpUpdate.class, registry).deserialize(TOPIC, framed));
        assertTrue(error.getMessage().contains("987654"), error.getMessage());
        assertEquals(404, error.httpStatus());
    }

    private static void produce(byte[] value) throws Exception {
        Properties p = clientProps();
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "rrc04|513", value)).get();
        }
    }

    private static byte[] consumeOne() {
        Properties p = clientProps();
        p.put("group.id", "interop-test");
        p.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    return r.value();
                }
            }
        }
        throw new AssertionError("no record consumed from " + TOPIC);
    }

    private static Schema fetchSchema(int id) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/schemas/ids/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new Schema.Parser().parse(new ObjectMapper().readTree(r.body()).get("schema").asText());
    }

}
