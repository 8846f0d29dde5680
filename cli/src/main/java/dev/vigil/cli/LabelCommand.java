package dev.vigil.cli;

import dev.vigil.avro.Label;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.schemas.Entities;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `vigil label`: an analyst's verdict on an entity window or an alert, written to `labels`. */
@Command(name = "label", description = "Label an entity window (or the window of an alert) as a true or false positive.")
final class LabelCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Entity, e.g. service:checkout or peer:rrc04|AS513|192.65.185.3.")
    String entity;
    @Parameters(index = "1", description = "Window start, ISO-8601, e.g. 2026-11-24T10:05:00Z.")
    Instant windowStart;
    @Option(names = "--window", description = "Window length (default: ${DEFAULT-VALUE}).", defaultValue = "5m", converter = DurationConverter.class)
    Duration window;
    @Option(names = "--verdict", required = true, description = "anomaly (true positive) or normal (false positive).")
    Verdict verdict;
    @Option(names = "--alert", description = "Alert id the label answers.")
    String alertId;
    @Option(names = "--category", description = "Kind of event, e.g. route-leak.")
    String category;

    enum Verdict { ANOMALY, NORMAL }

    @Override
    public Integer call() throws Exception {
        VigilConfig config = CliConfig.load();
        String topic = new Topics(config).name(Typed.LABELS);
        Label label = Label.newBuilder().setEntity(entity).setDomain(Entities.domainOf(entity)).setWindowStart(windowStart)
                .setWindowEnd(windowStart.plus(window)).setAnomalous(verdict == Verdict.ANOMALY).setAlertId(alertId)
                .setCategory(category).setSource("analyst").setAuthor(CliConfig.operator()).setLabelledAt(Instant.now()).build();
        byte[] value = new AvroSerializer<>(Typed.LABELS, RegistrySettings.from(config)).serialize(topic, label);
        try (var producer = new KafkaProducer<>(config.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, Entities.labelKey(entity, windowStart.toEpochMilli()), value)).get();
        }
        System.out.println("Labelled " + entity + " at " + windowStart + " as " + verdict.name().toLowerCase(java.util.Locale.ROOT));
        return 0;
    }
}
