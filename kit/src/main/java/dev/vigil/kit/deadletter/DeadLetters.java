package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead letters: a {@link DeadLetter} value for {@code <source topic>.dlq} carrying the original bytes
 * and the reason, and the same facts as headers so tools that do not decode Avro can still see them.
 */
public final class DeadLetters {
    public static final String HEADER_REASON = "vigil.dlq.reason";
    public static final String HEADER_ERROR_CLASS = "vigil.dlq.error.class";
    public static final String HEADER_SOURCE_TOPIC = "vigil.dlq.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "vigil.dlq.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "vigil.dlq.source.offset";
    public static final String HEADER_APP = "vigil.dlq.app";
    /** errorClass of a record that deserialised but failed a domain check. */
    public static final String VALIDATION = "validation";

    private DeadLetters() {
    }

    public static DeadLetter letter(String app, String topic, int partition, long offset, byte[] key, byte[] value,
                                    String errorClass, String reason) {
        return DeadLetter.newBuilder().setApp(app).setSourceTopic(topic).setPartition(partition).setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key)).setValue(value == null ? null : ByteBuffer.wrap(value))
                .setErrorClass(errorClass).setReason(reason).setFailedAt(Instant.now()).build();
    }

    public static Headers headers(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, HEADER_REASON, letter.getReason());
        add(headers, HEADER_ERROR_CLASS, letter.getErrorClass());
        add(headers, HEADER_SOURCE_TOPIC, letter.getSourceTopic());
        add(headers, HEADER_SOURCE_PARTITION, Integer.toString(letter.getPartition()));
        add(headers, HEADER_SOURCE_OFFSET, Long.toString(letter.getOffset()));
        add(headers, HEADER_APP, letter.getApp());
        return headers;
    }

    /** A ready-to-send record for the source topic's dead-letter topic, keyed by the original key bytes. */
    public static ProducerRecord<byte[], byte[]> producerRecord(DeadLetter letter, RegistrySettings registry) {
        return producerRecord(letter, Topics.dlq(letter.getSourceTopic()), registry);
    }

    /** A ready-to-send record for a given dead-letter topic, keyed by the original key bytes. */
    public static ProducerRecord<byte[], byte[]> producerRecord(DeadLetter letter, String dlqTopic, RegistrySettings registry) {
        byte[] value = new AvroSerializer<>(DeadLetter.class, registry, false).serialize(dlqTopic, letter);
        byte[] key = letter.getKey() == null ? null : bytes(letter.getKey());
        return new ProducerRecord<>(dlqTopic, null, key, value, headers(letter));
    }

    /** The {@code kind} tag of {@code vigil_dead_letters_total} for a letter. */
    public static String kindOf(DeadLetter letter) {
        return VALIDATION.equals(letter.getErrorClass()) ? "validation" : "deserialization";
    }

    /** A readable, bounded description of an exception for the reason field. */
    public static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        while (cause != null && cause != e && out.length() < 1000) {
            out.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
            e = cause;
            cause = cause.getCause();
        }
        return out.length() > 2000 ? out.substring(0, 2000) : out.toString();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
