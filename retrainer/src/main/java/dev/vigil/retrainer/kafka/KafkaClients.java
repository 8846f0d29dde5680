package dev.vigil.retrainer.kafka;

import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Client settings and bounded topic reads shared by the retrainer's Kafka adapters. */
final class KafkaClients {
    /** Settings of the app's {@code kafka.*} keys that only Streams understands; left out of plain clients. */
    private static final List<String> STREAMS_ONLY = List.of("processing.guarantee", "num.stream.threads",
            "replication.factor", "state.dir", "application.id");

    private KafkaClients() {
    }

    static Properties base(VigilConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafkaProperties());
        STREAMS_ONLY.forEach(p::remove);
        return p;
    }

    /** A consumer without a group (partitions are assigned), reading only committed records. */
    static KafkaConsumer<String, byte[]> reader(VigilConfig config) {
        Properties p = base(config);
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        p.put("max.partition.fetch.bytes", Integer.toString(8 * 1024 * 1024));
        p.put("fetch.max.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("max.poll.records", "5000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads each partition from its start offset up to (not including) its end offset. */
    static void readRange(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> start,
                          Map<TopicPartition, Long> end, Consumer<ConsumerRecord<String, byte[]>> each) {
        consumer.assign(start.keySet());
        start.forEach(consumer::seek);
        while (start.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp)) {
                    each.accept(r);
                }
            }
        }
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }
}
