package dev.vigil.kit.app;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.deadletter.DeadLetterSink;
import dev.vigil.kit.deadletter.KafkaDeadLetterSink;
import dev.vigil.kit.deadletter.RecordGuard;
import dev.vigil.kit.serde.VigilSerdes;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * What a topology or service needs from its runtime: config, serdes, topic names, a meter registry, and the
 * sink for dead letters written outside a stream task's transaction (global stores, service loops).
 */
public record AppContext(VigilConfig config, VigilSerdes serdes, Topics topics, MeterRegistry metrics,
                         DeadLetterSink deadLetters) {
    /** How long a record read outside a stream task waits for an unreachable registry before it is dead-lettered. */
    public static final String REGISTRY_OUTAGE_WAIT = "vigil.schema.registry.outage.wait";

    public static AppContext create(VigilConfig config, MeterRegistry metrics) {
        VigilSerdes serdes = VigilSerdes.from(config);
        Topics topics = new Topics(config);
        return new AppContext(config, serdes, topics, metrics,
                new KafkaDeadLetterSink(config.appName(), config.clientProperties(), serdes.settings(), topics, metrics));
    }

    public String appName() {
        return config.appName();
    }

    /** The configured name of a topic. */
    public String topic(String defaultName) {
        return topics.name(defaultName);
    }

    /** The configured name of a typed topic. */
    public String topic(Topic<?> topic) {
        return topics.name(topic);
    }

    /** The serde of a typed topic's values, e.g. for a store or repartition topic holding them. */
    public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
        return serdes.value(topic.valueType());
    }

    /** How a stream reads a typed topic: string keys, values in the topic's Avro class. */
    public <V extends SpecificRecord> Consumed<String, V> consumed(Topic<V> topic) {
        return Consumed.with(serdes.key(), valueSerde(topic));
    }

    /** How a stream writes a typed topic: string keys, values in the topic's Avro class. */
    public <V extends SpecificRecord> Produced<String, V> produced(Topic<V> topic) {
        return Produced.with(serdes.key(), valueSerde(topic));
    }

    /** The configured name of a typed topic's dead-letter topic. */
    public String deadLetterTopic(Topic<?> topic) {
        return topics.dlqName(topic);
    }

    /** How a stream reads a dead-letter topic, whatever its source topic carries. */
    public Consumed<String, DeadLetter> consumedDeadLetters() {
        return Consumed.with(serdes.key(), serdes.value(DeadLetter.class));
    }

    /** How a stream writes a dead-letter topic, whatever its source topic carries. */
    public Produced<String, DeadLetter> producedDeadLetters() {
        return Produced.with(serdes.key(), serdes.value(DeadLetter.class));
    }

    /** The guarded decode of a topic's values read outside a stream task. */
    public <V extends SpecificRecord> RecordGuard<V> guard(Class<V> type) {
        return new RecordGuard<>(appName(), serdes.value(type).deserializer(), deadLetters,
                config.getDuration(REGISTRY_OUTAGE_WAIT, Duration.ofMinutes(5)));
    }

    /** The guarded decode of a typed topic's values read outside a stream task. */
    public <V extends SpecificRecord> RecordGuard<V> guard(Topic<V> topic) {
        return guard(topic.valueType());
    }
}
