package dev.vigil.kit.serde;

import dev.vigil.kit.topics.Topic;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into a SpecificRecord, resolving the writer's schema (fetched by id) against
 * the reader's, so values written with an older compatible schema still read.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    public AvroDeserializer(Class<T> type, RegistrySettings settings) {
        this.type = type;
        this.registry = SchemaRegistries.client(settings);
        this.readerSchema = AvroTypes.schemaOf(type);
    }

    /** A deserializer of a typed topic's values. */
    public AvroDeserializer(Topic<T> topic, RegistrySettings settings) {
        this(topic.valueType(), settings);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = WireFormat.schemaId(topic, data);
        SpecificDatumReader<T> reader = readers.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                data.length - WireFormat.HEADER_SIZE, null);
        try {
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new WireFormatException("Value on topic " + topic + " has " + remaining(decoder)
                        + " unread bytes after a " + readerSchema.getName() + ": not written with schema id " + id);
            }
            return value;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new WireFormatException("Cannot decode " + readerSchema.getName() + " from " + data.length
                    + " bytes on topic " + topic + " (schema id " + id + "): truncated or corrupt Avro body (" + e + ")", e);
        }
    }

    private static int remaining(BinaryDecoder decoder) {
        try {
            return decoder.inputStream().available();
        } catch (IOException e) {
            return -1;
        }
    }

    private SpecificDatumReader<T> readerFor(int id) {
        Schema writer = registry.schemaById(id);
        return new SpecificDatumReader<>(writer, readerSchema, AvroTypes.dataOf(type));
    }
}
