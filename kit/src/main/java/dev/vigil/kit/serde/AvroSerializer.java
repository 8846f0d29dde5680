package dev.vigil.kit.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import dev.vigil.kit.topics.Topic;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes a SpecificRecord in the Confluent wire format, registering (or looking up) its schema once. */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final SchemaRegistryClient registry;
    private final RegistrySettings settings;
    private final boolean isKey;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;

    public AvroSerializer(Class<T> type, RegistrySettings settings, boolean isKey) {
        this.settings = settings;
        this.registry = SchemaRegistries.client(settings);
        this.isKey = isKey;
        this.schema = AvroTypes.schemaOf(type);
        this.writer = new SpecificDatumWriter<>(schema, AvroTypes.dataOf(type));
    }

    /** A serializer of a typed topic's values. */
    public AvroSerializer(Topic<T> topic, RegistrySettings settings) {
        this(topic.valueType(), settings, false);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        String subject = settings.strategy().subject(topic, isKey, schema);
        int id = settings.autoRegister() ? registry.register(subject, schema) : registry.lookup(subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            out.write(WireFormat.header(id));
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + schema.getName() + " to topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
