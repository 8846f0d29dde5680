package dev.vigil.retrainer.kafka;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/** An idempotent producer of one Avro record type that waits until what it sent is acknowledged. */
public final class AvroProducer<T extends SpecificRecord> implements AutoCloseable {
    private final KafkaProducer<String, T> producer;
    private final String topic;
    private final Function<T, String> key;

    /** A producer to a typed topic under its configured name, keying each record with {@code key}. */
    public AvroProducer(VigilConfig config, Topic<T> topic, Function<T, String> key) {
        Properties p = KafkaClients.base(config);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new AvroSerializer<>(topic, RegistrySettings.from(config)));
        this.topic = new Topics(config).name(topic);
        this.key = key;
    }

    public void sendAll(List<T> records) {
        try {
            List<Future<RecordMetadata>> sent = records.stream()
                    .map(r -> producer.send(new ProducerRecord<>(topic, key.apply(r), r))).toList();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot send to " + topic + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
