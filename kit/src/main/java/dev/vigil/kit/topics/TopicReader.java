package dev.vigil.kit.topics;

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

/**
 * Bounded reads of committed records: a whole topic up to its current end (the registry, `vigil status`),
 * or each partition between two offsets (training data). No consumer group: partitions are assigned.
 */
public final class TopicReader {
    private TopicReader() {
    }

    /** A consumer without a group that reads only committed records. */
    public static KafkaConsumer<String, byte[]> consumer(Properties clientProperties) {
        Properties p = CommittedReads.assigned(clientProperties);
        p.putIfAbsent("max.partition.fetch.bytes", Integer.toString(8 * 1024 * 1024));
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Every committed record of a topic, from the beginning to the end it has when the read starts. */
    public static void readToEnd(Properties clientProperties, String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(clientProperties)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            readRange(consumer, consumer.beginningOffsets(partitions), consumer.endOffsets(partitions), each);
        }
    }

    /** Reads each partition from its start offset up to, not including, its end offset. */
    public static void readRange(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> start,
                                 Map<TopicPartition, Long> end, Consumer<ConsumerRecord<String, byte[]>> each) {
        consumer.assign(start.keySet());
        start.forEach(consumer::seek);
        while (start.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    each.accept(r);
                }
            }
        }
    }

    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }
}
