package dev.vigil.retrainer.kafka;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.topics.CommittedReads;
import dev.vigil.kit.topics.TopicReader;
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
    private KafkaClients() {
    }

    static Properties base(VigilConfig config) {
        return config.clientProperties();
    }

    /** A consumer without a group (partitions are assigned), reading only committed records. */
    static KafkaConsumer<String, byte[]> reader(VigilConfig config) {
        Properties p = CommittedReads.assigned(base(config));
        p.put("max.partition.fetch.bytes", Integer.toString(8 * 1024 * 1024));
        p.put("fetch.max.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("max.poll.records", "5000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads each partition from its start offset up to (not including) its end offset. */
    static void readRange(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> start,
                          Map<TopicPartition, Long> end, Consumer<ConsumerRecord<String, byte[]>> each) {
        TopicReader.readRange(consumer, start, end, each);
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return TopicReader.partitions(consumer, topic);
    }
}
