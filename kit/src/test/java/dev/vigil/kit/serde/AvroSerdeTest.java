package dev.vigil.kit.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.testing.MockSchemaRegistry;
import dev.vigil.avro.FeatureVector;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private final RegistrySettings settings = RegistrySettings.of("mock://" + UUID.randomUUID());

    static FeatureVector vector() {
        return FeatureVector.newBuilder().setEntity("service:checkout").setDomain("telemetry-service")
                .setWindowStart(Instant.parse("2026-03-01T10:00:00Z")).setWindowEnd(Instant.parse("2026-03-01T10:05:00Z"))
                .setFeatureNames(List.of("count", "error_rate")).setValues(List.of(120.0, 0.05)).setEventCount(120).build();
    }

    @Test
    void roundTripInTheConfluentWireFormat() {
        byte[] bytes = new AvroSerializer<>(FeatureVector.class, settings, false).serialize("features.telemetry", vector());
        assertEquals(0, bytes[0], "magic byte");
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertEquals(FeatureVector.getClassSchema(), SchemaRegistries.client(settings).schemaById(id));
        assertEquals(vector(), new AvroDeserializer<>(FeatureVector.class, settings).deserialize("features.telemetry", bytes));
    }

    @Test
    void wrongMagicByteTruncatedBodyAndUnknownIdAreClearErrors() {
        var deserializer = new AvroDeserializer<>(FeatureVector.class, settings);
        byte[] good = new AvroSerializer<>(FeatureVector.class, settings, false).serialize("t", vector());

        var magic = assertThrows(WireFormatException.class, () -> deserializer.deserialize("t", "{\"json\":1}".getBytes()));
        assertTrue(magic.getMessage().contains("magic byte 0x7b"), magic.getMessage());

        var shortValue = assertThrows(WireFormatException.class, () -> deserializer.deserialize("t", new byte[] {0, 0}));
        assertTrue(shortValue.getMessage().contains("too short"), shortValue.getMessage());

        var truncated = assertThrows(WireFormatException.class, () -> deserializer.deserialize("t", Arrays.copyOf(good, good.length - 9)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        byte[] unknown = good.clone();
        ByteBuffer.wrap(unknown, 1, 4).putInt(424242);
        var id = assertThrows(SchemaRegistryException.class, () -> deserializer.deserialize("t", unknown));
        assertTrue(id.getMessage().contains("424242"), id.getMessage());
    }

    @Test
    void autoRegisterOffRequiresARegisteredSchema() {
        RegistrySettings lookupOnly = new RegistrySettings(settings.url(), null, false, SubjectNameStrategy.TOPIC, null, null, "PKCS12");
        var error = assertThrows(SchemaRegistryException.class,
                () -> new AvroSerializer<>(FeatureVector.class, lookupOnly, false).serialize("unregistered", vector()));
        assertTrue(error.getMessage().contains("unregistered-value"), error.getMessage());
        new AvroSerializer<>(FeatureVector.class, settings, false).serialize("unregistered", vector());
        byte[] now = new AvroSerializer<>(FeatureVector.class, lookupOnly, false).serialize("unregistered", vector());
        assertEquals(0, now[0]);
    }

    @Test
    void subjectNameStrategies() {
        Schema schema = FeatureVector.getClassSchema();
        assertEquals("features.bgp-value", SubjectNameStrategy.parse("topic").subject("features.bgp", false, schema));
        assertEquals("features.bgp-key", SubjectNameStrategy.TOPIC.subject("features.bgp", true, schema));
        assertEquals("dev.vigil.avro.FeatureVector", SubjectNameStrategy.parse("RecordNameStrategy").subject("x", false, schema));
        assertEquals("x-dev.vigil.avro.FeatureVector", SubjectNameStrategy.parse("topic-record").subject("x", false, schema));
        assertThrows(IllegalArgumentException.class, () -> SubjectNameStrategy.parse("bogus"));
    }

    @Test
    void mockRegistryRefusesIncompatibleSchemasLikeTheRealOne() {
        MockSchemaRegistry registry = MockSchemaRegistry.forScope(UUID.randomUUID().toString());
        Schema v1 = SchemaBuilder.record("R").fields().requiredString("a").endRecord();
        Schema v2 = SchemaBuilder.record("R").fields().requiredString("a").name("b").type().intType().intDefault(0).endRecord();
        Schema bad = SchemaBuilder.record("R").fields().requiredString("a").requiredInt("c").endRecord();
        int id1 = registry.register("s", v1);
        int id2 = registry.register("s", v2);
        assertTrue(id2 > id1);
        assertEquals(id1, registry.register("s", v1), "registering twice returns the same id");
        assertEquals(409, assertThrows(SchemaRegistryException.class, () -> registry.register("s", bad)).httpStatus());
    }
}
