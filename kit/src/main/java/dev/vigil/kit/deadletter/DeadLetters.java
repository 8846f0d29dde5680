package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The record for a dead letter, or null when it cannot be encoded because the registry is away (the caller
     * then retries the source record instead of losing the letter). The DeadLetter schema is registered at
     * start-up ({@link #warmUp}), so this only happens to an app started without the registry.
     */
    public static ProducerRecord<byte[], byte[]> encodeOrNull(DeadLetter letter, String dlqTopic, RegistrySettings registry) {
        try {
            return producerRecord(letter, dlqTopic, registry);
        } catch (RuntimeException e) {
            if (!dev.vigil.kit.serde.RegistryOutage.isOutage(e)) {
                throw e;
            }
            org.slf4j.LoggerFactory.getLogger(DeadLetters.class).error(
                    "Cannot encode the dead letter of {}-{}@{}: schema registry unavailable; the record will be retried",
                    letter.getSourceTopic(), letter.getPartition(), letter.getOffset());
            return null;
        }
    }

    /**
     * Registers (or looks up) the DeadLetter schema under every dead-letter topic an app may write, so the
     * registry client has its ids cached and dead letters can be written during a later registry outage.
     */
    public static void warmUp(RegistrySettings registry, Topics topics, String app) {
        DeadLetter sample = letter(app, "warm-up", 0, 0, null, null, "warm-up", "warm-up");
        List<String> dlqs = new ArrayList<>();
        Topics.WITH_DEAD_LETTERS.forEach(input -> dlqs.add(Topics.dlq(topics.name(input))));
        dlqs.add(Topics.appDlq(app));
        for (String dlq : dlqs) {
            try {
                producerRecord(sample, dlq, registry);
            } catch (RuntimeException e) {
                if (dev.vigil.kit.serde.RegistryOutage.isOutage(e)) {
                    throw e;
                }
                // e.g. auto-registration off and the schema not registered under this subject: the first
                // dead letter on this topic will say so; it is no reason not to start.
                org.slf4j.LoggerFactory.getLogger(DeadLetters.class).warn("Cannot prepare dead letters for {}: {}", dlq,
                        e.getMessage());
            }
        }
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
