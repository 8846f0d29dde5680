package dev.vigil.retrainer.kafka;

import dev.vigil.avro.Label;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.retrainer.LabelSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads the whole compacted labels topic (old and new labels) up to its current end. */
public final class KafkaLabelSource implements LabelSource {
    private final VigilConfig config;
    private final String topic;
    private final AvroDeserializer<Label> deserializer;

    public KafkaLabelSource(VigilConfig config) {
        this.config = config;
        this.topic = new Topics(config).name(Topics.LABELS);
        this.deserializer = new AvroDeserializer<>(Label.class, RegistrySettings.from(config));
    }

    @Override
    public List<Label> labels() {
        Map<String, Label> byKey = new HashMap<>();
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
                        // an unreadable label is skipped; it never reaches training
                    }
                }
            });
        }
        return new ArrayList<>(byKey.values());
    }
}
