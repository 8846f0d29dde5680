package dev.vigil.retrainer.kafka;

import dev.vigil.avro.Label;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.retrainer.LabelSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole compacted labels topic (old and new labels) up to its current end. It is read again for every
 * training run, so an unreadable label is skipped and counted here; the ensemble and the drift monitor, which
 * stream the topic, dead-letter it once.
 */
public final class KafkaLabelSource implements LabelSource {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaLabelSource.class);

    private final VigilConfig config;
    private final String topic;
    private final AvroDeserializer<Label> deserializer;

    public KafkaLabelSource(VigilConfig config) {
        this.config = config;
        this.topic = new Topics(config).name(Typed.LABELS);
        this.deserializer = new AvroDeserializer<>(Typed.LABELS, RegistrySettings.from(config));
    }

    @Override
    public List<Label> labels() {
        Map<String, Label> byKey = new HashMap<>();
        int[] unreadable = {0};
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.reader(config)) {
            List<TopicPartition> partitions = KafkaClients.partitions(consumer, topic);
            Map<TopicPartition, Long> start = new HashMap<>(consumer.beginningOffsets(partitions));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            KafkaClients.readRange(consumer, start, end, r -> {
                if (r.value() == null) {
                    byKey.remove(r.key()); // a tombstone withdraws the label
                } else {
                    try {
                        byKey.put(r.key() == null ? "offset-" + r.partition() + "-" + r.offset() : r.key(),
                                deserializer.deserialize(topic, r.value()));
                    } catch (RuntimeException e) {
                        unreadable[0]++; // it never reaches training
                    }
                }
            });
        }
        if (unreadable[0] > 0) {
            LOG.warn("Skipped {} unreadable labels on {}", unreadable[0], topic);
        }
        return new ArrayList<>(byKey.values());
    }
}
