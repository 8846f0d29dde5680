package dev.vigil.retrainer.kafka;

import dev.vigil.avro.FeatureVector;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.retrainer.DomainCoverage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches the feature topics for bootstrap: counts distinct entity windows per domain from the start of the
 * training window and the event time they span, catching up incrementally on each call, so a domain's first model
 * is requested as soon as it has enough. Distinct, because a replayed window is one training row; counting stops at
 * {@code cap} per domain, since only "enough or not" matters, while the span keeps growing.
 */
public final class DomainCounter implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<FeatureVector> deserializer;
    private final Map<String, Seen> seen = new TreeMap<>();
    private final int cap;
    private final List<TopicPartition> partitions = new ArrayList<>();

    public DomainCounter(VigilConfig config, Instant from, int cap) {
        this.cap = cap;
        this.consumer = KafkaClients.reader(config);
        this.deserializer = new AvroDeserializer<>(FeatureVector.class, RegistrySettings.from(config));
        Topics topics = new Topics(config);
        for (String topic : List.of(topics.name(Topics.FEATURES_BGP), topics.name(Topics.FEATURES_TELEMETRY))) {
            partitions.addAll(KafkaClients.partitions(consumer, topic));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        partitions.forEach(tp -> consumer.seek(tp, found.get(tp) == null ? end.get(tp) : found.get(tp).offset()));
    }

    /** Reads what arrived since the last call and returns the counts so far per domain. */
    public Map<String, DomainCoverage> catchUp() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> start = new HashMap<>();
        partitions.forEach(tp -> start.put(tp, consumer.position(tp)));
        KafkaClients.readRange(consumer, start, end, r -> {
            if (r.value() != null) {
                try {
                    FeatureVector v = deserializer.deserialize(r.topic(), r.value());
                    seen.computeIfAbsent(v.getDomain(), d -> new Seen()).add(v, cap);
                } catch (RuntimeException e) {
                    // unreadable vectors do not count towards a first model
                }
            }
        });
        Map<String, DomainCoverage> coverage = new TreeMap<>();
        seen.forEach((domain, s) -> coverage.put(domain, s.coverage()));
        return coverage;
    }

    /** One domain's windows so far. */
    private static final class Seen {
        private final Set<Long> windows = new HashSet<>();
        private Instant from;
        private Instant to;

        void add(FeatureVector v, int cap) {
            if (v.getWindowEnd().isBefore(v.getWindowStart())) {
                return; // not a window: it cannot say what time the data covers
            }
            if (windows.size() < cap) {
                windows.add(31L * v.getEntity().hashCode() + v.getWindowStart().toEpochMilli());
            }
            from = from == null || v.getWindowStart().isBefore(from) ? v.getWindowStart() : from;
            to = to == null || v.getWindowEnd().isAfter(to) ? v.getWindowEnd() : to;
        }

        DomainCoverage coverage() {
            return new DomainCoverage(windows.size(), from, to);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
