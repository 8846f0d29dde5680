package dev.vigil.cli.demo;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.Label;
import dev.vigil.avro.RequestEvent;
import dev.vigil.schemas.Entities;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends the demo's events, paced so the simulated span takes the requested wall-clock time. */
public final class FeedProducer implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerializer<BgpUpdate> bgp;
    private final AvroSerializer<RequestEvent> telemetry;
    private final AvroSerializer<Label> labels;
    private final Topics topics;
    private final AtomicLong bgpSent = new AtomicLong();
    private final AtomicLong telemetrySent = new AtomicLong();
    private final AtomicLong labelsSent = new AtomicLong();
    private final AtomicLong normalLabelsSent = new AtomicLong();
    /** When each labelled window's label was written (wall clock), by {@link LabelLeaks#key}. */
    private final Map<String, Instant> labelledAt = new ConcurrentHashMap<>();
    private final Reconciliation.EventLedger ledger = new Reconciliation.EventLedger();
    private volatile boolean closing;

    public FeedProducer(Properties kafka, RegistrySettings registry, Topics topics) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("linger.ms", "20");
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.bgp = new AvroSerializer<>(Typed.BGP_UPDATES, registry);
        this.telemetry = new AvroSerializer<>(Typed.TELEMETRY_EVENTS, registry);
        this.labels = new AvroSerializer<>(Typed.LABELS, registry);
        this.topics = topics;
    }

    public void sendBgp(List<BgpUpdate> updates) {
        String topic = topics.name(Typed.BGP_UPDATES);
        for (BgpUpdate u : updates) {
            // Keyed by collector and peer, so one peer's updates stay in order.
            producer.send(new ProducerRecord<>(topic, null, u.getTimestamp().toEpochMilli(),
                    u.getCollector() + "|" + u.getPeerAsn() + "|" + u.getPeerAddress(), bgp.serialize(topic, u)));
            if (!closing) {
                ledger.add(Entities.peer(u), u.getTimestamp(), DemoSettings.BGP_WINDOW);
            }
        }
        bgpSent.addAndGet(updates.size());
    }

    public void sendTelemetry(List<RequestEvent> events) {
        String topic = topics.name(Typed.TELEMETRY_EVENTS);
        for (RequestEvent e : events) {
            producer.send(new ProducerRecord<>(topic, null, e.getTimestamp().toEpochMilli(), e.getService(),
                    telemetry.serialize(topic, e)));
            if (!closing) {
                ledger.add(Entities.service(e), e.getTimestamp(), DemoSettings.TELEMETRY_WINDOW);
            }
        }
        telemetrySent.addAndGet(events.size());
    }

    /** Labels of the injected anomalies, as an analyst would write them once an incident is over. */
    public void sendLabels(Injection injection, Duration window) {
        for (String entity : injection.entities()) {
            long w = window.toMillis();
            for (long start = injection.start().toEpochMilli() / w * w; start < injection.end().toEpochMilli(); start += w) {
                sendLabel(entity, injection.domain(), Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + w), true,
                        injection.category());
            }
        }
    }

    /** A window of a false alarm labelled normal, as an analyst dismissing the alarm would. */
    public void sendNormalLabel(FalseAlarmReview.NormalWindow window) {
        sendLabel(window.entity(), window.domain(), window.start(), window.end(), false, "false-alarm");
        normalLabelsSent.incrementAndGet();
    }

    private void sendLabel(String entity, String domain, Instant start, Instant end, boolean anomalous, String category) {
        String topic = topics.name(Typed.LABELS);
        Label label = Label.newBuilder().setEntity(entity).setDomain(domain).setWindowStart(start).setWindowEnd(end)
                .setAnomalous(anomalous).setCategory(category).setSource("demo").setAuthor("demo-generator")
                .setLabelledAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(topic, Entities.labelKey(entity, start.toEpochMilli()), labels.serialize(topic, label)));
        labelledAt.putIfAbsent(LabelLeaks.key(entity, start), label.getLabelledAt());
        labelsSent.incrementAndGet();
    }

    private long bgpAtClosing = -1;
    private long telemetryAtClosing = -1;

    /** Marks what was sent so far as the span; what follows only closes the last windows. */
    public void markClosing() {
        bgpAtClosing = bgpSent.get();
        telemetryAtClosing = telemetrySent.get();
        closing = true;
    }

    /** Events of the span (not the closing ones) per entity and window, for the reconciliation. */
    Reconciliation.EventLedger ledger() {
        return ledger;
    }

    /** Closing records sent after {@link #markClosing()}: they sit in windows that never close. */
    public long closingBgp() {
        return bgpAtClosing < 0 ? 0 : bgpSent.get() - bgpAtClosing;
    }

    public long closingTelemetry() {
        return telemetryAtClosing < 0 ? 0 : telemetrySent.get() - telemetryAtClosing;
    }

    public long closingEvents() {
        return closingBgp() + closingTelemetry();
    }

    public void flush() {
        producer.flush();
    }

    public long bgpSent() {
        return bgpSent.get();
    }

    public long telemetrySent() {
        return telemetrySent.get();
    }

    public long labelsSent() {
        return labelsSent.get();
    }

    /** When each labelled window's label was first written (wall clock), by {@link LabelLeaks#key}. */
    Map<String, Instant> labelledAt() {
        return Map.copyOf(labelledAt);
    }

    /** Of {@link #labelsSent()}, the windows of false alarms labelled normal. */
    public long normalLabelsSent() {
        return normalLabelsSent.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
