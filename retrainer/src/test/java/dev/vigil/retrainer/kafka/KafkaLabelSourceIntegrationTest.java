package dev.vigil.retrainer.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.avro.Label;
import dev.vigil.devstack.DevStackExtension;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.TopicAdmin;
import dev.vigil.kit.topics.Topics;
import dev.vigil.schemas.Entities;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the compacted labels topic a tombstone means what compaction means: the label is withdrawn, so the retrainer no
 * longer trains on it; an unreadable record is skipped; the latest label of a window wins.
 */
class KafkaLabelSourceIntegrationTest {
    @RegisterExtension
    static final DevStackExtension stack = new DevStackExtension();

    @Test
    void aTombstoneWithdrawsTheLabelAndAnUnreadableRecordIsSkipped(@TempDir Path state) throws Exception {
        Map<String, String> settings = new HashMap<>(stack.appSettings(state));
        settings.put("vigil.topic." + Topics.LABELS, "label-source-test.labels");
        settings.put("vigil.topics.partitions", "1");
        VigilConfig config = VigilConfig.of("retrainer", settings);
        TopicAdmin.ensure(config.clientProperties(), List.of(new Topics(config).spec(Topics.LABELS)));
        String topic = new Topics(config).name(Topics.LABELS);
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        Label kept = label("service:checkout", t, true);
        Label withdrawn = label("service:search", t, true);
        Label revised = label("service:cart", t, false);

        Properties p = new Properties();
        p.putAll(config.clientProperties());
        AvroSerializer<Label> avro = new AvroSerializer<>(Label.class, RegistrySettings.from(config), false);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key(kept), avro.serialize(topic, kept)));
            producer.send(new ProducerRecord<>(topic, key(withdrawn), avro.serialize(topic, withdrawn)));
            producer.send(new ProducerRecord<>(topic, key(revised), avro.serialize(topic, label("service:cart", t, true))));
            producer.send(new ProducerRecord<>(topic, "garbage", new byte[] {0, 0, 0, 0, 42, 1, 2}));
            producer.send(new ProducerRecord<>(topic, key(withdrawn), null));
            producer.send(new ProducerRecord<>(topic, key(revised), avro.serialize(topic, revised)));
            producer.flush();
        }

        List<Label> labels = new KafkaLabelSource(config).labels();

        assertEquals(2, labels.size(), "checkout's label and cart's latest: " + labels);
        assertEquals(Map.of("service:checkout", true, "service:cart", false),
                Map.of(labels.get(0).getEntity(), labels.get(0).getAnomalous(), labels.get(1).getEntity(), labels.get(1).getAnomalous()));
    }

    private static String key(Label label) {
        return Entities.labelKey(label.getEntity(), label.getWindowStart().toEpochMilli());
    }

    private static Label label(String entity, Instant start, boolean anomalous) {
        return Label.newBuilder().setEntity(entity).setDomain(Entities.TELEMETRY_SERVICE).setWindowStart(start)
                .setWindowEnd(start.plusSeconds(300)).setAnomalous(anomalous).setCategory("test").setSource("test")
                .setAuthor("test").setLabelledAt(Instant.now()).build();
    }
}
