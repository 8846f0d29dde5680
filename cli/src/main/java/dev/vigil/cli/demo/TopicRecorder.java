package dev.vigil.cli.demo;

import dev.vigil.avro.DetectorScore;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.CommittedReads;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads committed records of several topics in the background and keeps them, decoded, for views and reports. */
public final class TopicRecorder implements AutoCloseable {
    private final Map<String, AvroDeserializer<? extends SpecificRecord>> readers = new ConcurrentHashMap<>();
    private final Map<String, List<SpecificRecord>> records = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> timestamps = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private final Map<String, java.util.concurrent.atomic.AtomicLong> counted = new ConcurrentHashMap<>();
    /** Newest window end (epoch millis) scored per domain, read from detector scores as they arrive. */
    private final Map<String, Long> newestScored = new ConcurrentHashMap<>();

    /**
     * @param topics topics to decode and keep, with their value class
     * @param countOnly topics whose records are only counted (e.g. late.records, which mixes value types)
     */
    public TopicRecorder(Properties kafka, RegistrySettings registry, Map<String, Class<? extends SpecificRecord>> topics,
                  java.util.Collection<String> countOnly) {
        topics.forEach((topic, type) -> {
            readers.put(topic, new AvroDeserializer<>(type, registry));
            records.put(topic, new CopyOnWriteArrayList<>());
            timestamps.put(topic, new CopyOnWriteArrayList<>());
        });
        countOnly.forEach(topic -> counted.put(topic, new java.util.concurrent.atomic.AtomicLong()));
        Properties p = CommittedReads.inGroup(kafka, "vigil-recorder-" + UUID.randomUUID());
        thread = new Thread(() -> run(p), "vigil-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Typed topics to record, in the form the constructor takes: each configured name with its value class. */
    public static Map<String, Class<? extends SpecificRecord>> valueTypes(Topics topics, List<Topic<?>> recorded) {
        Map<String, Class<? extends SpecificRecord>> m = new LinkedHashMap<>();
        recorded.forEach(t -> m.put(topics.name(t), t.valueType()));
        return m;
    }

    private void run(Properties p) {
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<String> subscribed = new ArrayList<>(readers.keySet());
            subscribed.addAll(counted.keySet());
            consumer.subscribe(subscribed);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (counted.containsKey(r.topic())) {
                        counted.get(r.topic()).incrementAndGet();
                        continue;
                    }
                    if (r.value() == null) {
                        continue;
                    }
                    SpecificRecord record = readers.get(r.topic()).deserialize(r.topic(), r.value());
                    records.get(r.topic()).add(record);
                    if (record instanceof DetectorScore score) {
                        newestScored.merge(score.getDomain(), score.getWindowEnd().toEpochMilli(), Math::max);
                    }
                    timestamps.get(r.topic()).add(System.currentTimeMillis());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> List<T> records(String topic) {
        return (List<T>) List.copyOf(records.getOrDefault(topic, List.of()));
    }

    /** End of the newest window of the domain that a detector has scored, or empty before the first score. */
    public Optional<Instant> newestScored(String domain) {
        Long end = newestScored.get(domain);
        return end == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(end));
    }

    public long count(String topic) {
        var c = counted.get(topic);
        return c != null ? c.get() : records.getOrDefault(topic, List.of()).size();
    }

    /** Wall-clock arrival times of a topic's records. */
    public List<Long> arrivals(String topic) {
        return List.copyOf(timestamps.getOrDefault(topic, List.of()));
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
