package dev.vigil.retrainer.kafka;

import dev.vigil.avro.FeatureVector;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.retrainer.FeatureBatch;
import dev.vigil.retrainer.FeatureSample;
import dev.vigil.retrainer.FeatureSource;
import dev.vigil.retrainer.SampleBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a feature topic from the offsets {@code offsetsForTimes} gives for the start time up to the end
 * offsets taken when the read begins, so the recorded range is exactly what was trained on.
 */
public final class KafkaFeatureSource implements FeatureSource {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaFeatureSource.class);

    private final VigilConfig config;
    private final Topics topics;
    private final AvroDeserializer<FeatureVector> deserializer;

    public KafkaFeatureSource(VigilConfig config) {
        this.config = config;
        this.topics = new Topics(config);
        this.deserializer = new AvroDeserializer<>(FeatureVector.class, RegistrySettings.from(config));
    }

    @Override
    public FeatureBatch read(String defaultTopic, Instant from, SampleBuffer buffer) {
        String topic = topics.name(defaultTopic);
        Map<Integer, Long> startOffsets = new HashMap<>();
        Map<Integer, Long> endOffsets = new HashMap<>();
        int[] unreadable = {0};
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.reader(config)) {
            List<TopicPartition> partitions = KafkaClients.partitions(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> start = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp at = found.get(tp);
                start.put(tp, at == null ? end.get(tp) : at.offset());
                startOffsets.put(tp.partition(), start.get(tp));
                endOffsets.put(tp.partition(), end.get(tp));
            }
            KafkaClients.readRange(consumer, start, end, r -> {
                if (r.value() == null) {
                    return;
                }
                try {
                    FeatureVector v = deserializer.deserialize(topic, r.value());
                    buffer.add(new FeatureSample(v.getEntity(), v.getDomain(), v.getWindowStart().toEpochMilli(),
                            v.getWindowEnd().toEpochMilli(), v.getFeatureNames(),
                            v.getValues().stream().mapToDouble(Double::doubleValue).toArray(), r.partition(), r.offset()));
                } catch (RuntimeException e) {
                    unreadable[0]++; // the apps that consume the topic dead-letter such records already
                }
            });
        }
        if (unreadable[0] > 0) {
            LOG.warn("Skipped {} unreadable records on {}", unreadable[0], topic);
        }
        return new FeatureBatch(topic, buffer.samples(), startOffsets, endOffsets);
    }

    @Override
    public java.util.Optional<Instant> newest(String defaultTopic) {
        String topic = topics.name(defaultTopic);
        long newest = -1;
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.reader(config)) {
            List<TopicPartition> partitions = KafkaClients.partitions(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> start = new HashMap<>();
            // The last few offsets hold the newest records (and transaction markers, which take an offset each).
            end.forEach((tp, e) -> start.put(tp, Math.max(0, e - 16)));
            long[] max = {-1};
            KafkaClients.readRange(consumer, start, end, r -> max[0] = Math.max(max[0], r.timestamp()));
            newest = max[0];
        }
        return newest < 0 ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(newest));
    }
}
