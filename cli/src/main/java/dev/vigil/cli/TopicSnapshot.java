package dev.vigil.cli;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.RegistrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Every committed record of a topic, from the beginning to its current end, decoded. */
final class TopicSnapshot {
    private TopicSnapshot() {
    }

    static <T extends SpecificRecord> List<T> read(VigilConfig config, String topic, Class<T> type) {
        Properties p = config.clientProperties();
        p.put("group.id", "vigil-cli-" + UUID.randomUUID());
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        AvroDeserializer<T> reader = new AvroDeserializer<>(type, RegistrySettings.from(config));
        List<T> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() != null) {
                        out.add(reader.deserialize(topic, r.value()));
                    }
                });
            }
        }
        return out;
    }
}
