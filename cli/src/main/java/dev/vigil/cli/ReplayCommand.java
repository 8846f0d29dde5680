package dev.vigil.cli;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;
import dev.vigil.avro.MetricSample;
import dev.vigil.ingest.ReplaySource;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.csv.LabelledWindow;
import dev.vigil.ingest.replay.Pace;
import dev.vigil.ingest.replay.Replayer;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.TopicAdmin;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.schemas.Entities;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `vigil replay`: files into Vigil's input topics, at original pace, sped up, or as fast as possible. */
@Command(name = "replay", description = "Replay a file into Vigil's topics: MRT update files (.gz, .bz2) or RIS Live JSON "
        + "-> bgp.updates; NAB timestamp,value CSV -> telemetry.metrics; labelled UFAM/SFU feature CSV -> features.bgp and labels.")
final class ReplayCommand implements Callable<Integer> {
    enum Kind { BGP, METRICS, LABELLED }

    @Parameters(index = "0", description = "What the file holds: bgp, metrics or labelled.")
    Kind kind;
    @Parameters(index = "1", description = "The file.")
    Path file;
    @Option(names = "--pace", defaultValue = "max", description = "original, a speed-up such as 60x, or max (default: ${DEFAULT-VALUE}).")
    String pace;
    @Option(names = "--start", description = "Shift event times so the first record is at this instant (ISO-8601). "
            + "Historical data older than a topic's retention is otherwise deleted by the broker soon after it is written.")
    Instant start;
    @Option(names = "--source", description = "For metrics: the source name (default: the file name).")
    String source;
    @Option(names = "--day", description = "For SFU files, which carry only a time of day: the day of the first row (YYYY-MM-DD).")
    LocalDate day;

    @Override
    public Integer call() throws Exception {
        VigilConfig config = CliConfig.load();
        Topics topics = new Topics(config);
        TopicAdmin.ensure(config.clientProperties(), topics.all());
        RegistrySettings registry = RegistrySettings.from(config);
        try (var producer = new KafkaProducer<>(config.clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            Sender sender = new Sender(producer, registry, topics);
            Replayer.Progress done = switch (kind) {
                case BGP -> replay(Sources.bgpUpdates(file), u -> u.getTimestamp().toEpochMilli(), u -> {
                    shift(u);
                    sender.send(Typed.BGP_UPDATES, Entities.peer(u), u);
                });
                case METRICS -> replay(Sources.metricSamples(file), s -> s.getTimestamp().toEpochMilli(), s -> {
                    MetricSample sample = source == null ? s : MetricSample.newBuilder(s).setSource(source).build();
                    sample.setTimestamp(shifted(sample.getTimestamp()));
                    sender.send(Typed.TELEMETRY_METRICS, Entities.metric(sample), sample);
                });
                case LABELLED -> replay(Sources.labelledWindows(file, day), w -> w.vector().getWindowStart().toEpochMilli(),
                        w -> sendLabelled(sender, w));
            };
            producer.flush();
            System.out.printf(Locale.ROOT, "%nReplayed %,d records in %.1f s (%,.0f records/s)%n", done.records(),
                    done.elapsed().toMillis() / 1000.0, done.recordsPerSecond());
        }
        return 0;
    }

    private <T> Replayer.Progress replay(ReplaySource<T> source, ToLongFunction<T> time, Consumer<T> sink) throws Exception {
        try (source) {
            return new Replayer(Pace.parse(pace)).replay(source, time, sink, ReplayCommand::progressBar);
        }
    }

    private void sendLabelled(Sender sender, LabelledWindow window) {
        FeatureVector v = window.vector();
        v.setWindowStart(shifted(v.getWindowStart()));
        v.setWindowEnd(shifted(v.getWindowEnd()));
        sender.send(Typed.FEATURES_BGP, v.getEntity(), v);
        Label label = window.label();
        label.setWindowStart(v.getWindowStart());
        label.setWindowEnd(v.getWindowEnd());
        sender.send(Typed.LABELS, Entities.labelKey(label.getEntity(), label.getWindowStart().toEpochMilli()), label);
    }

    private Long offsetMillis;

    private Instant shifted(Instant t) {
        if (start == null) {
            return t;
        }
        if (offsetMillis == null) {
            offsetMillis = start.toEpochMilli() - t.toEpochMilli();
        }
        return t.plusMillis(offsetMillis);
    }

    private void shift(BgpUpdate u) {
        u.setTimestamp(shifted(u.getTimestamp()));
    }

    private static void progressBar(Replayer.Progress p) {
        String share = p.inputFraction() < 0 ? "" : String.format(Locale.ROOT, "%3.0f%% ", p.inputFraction() * 100);
        int width = 30;
        int filled = p.inputFraction() < 0 ? 0 : (int) Math.round(p.inputFraction() * width);
        String bar = p.inputFraction() < 0 ? "" : "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] ";
        System.out.printf(Locale.ROOT, "\r%s%s%,d records, event time %s, %,.0f/s", bar, share, p.records(),
                Instant.ofEpochMilli(p.eventTimeMillis()), p.recordsPerSecond());
    }

    /** Serialises and sends records, keyed so one entity's records stay in order. */
    private record Sender(KafkaProducer<String, byte[]> producer, RegistrySettings registry, Topics topics,
                          java.util.Map<Class<?>, AvroSerializer<?>> serializers) {
        Sender(KafkaProducer<String, byte[]> producer, RegistrySettings registry, Topics topics) {
            this(producer, registry, topics, new java.util.HashMap<>());
        }

        /** Sends a value to a typed topic, under its configured name, in the topic's value class. */
        @SuppressWarnings("unchecked")
        <V extends SpecificRecord> void send(Topic<V> to, String key, V value) {
            String topic = topics.name(to);
            AvroSerializer<V> serializer = (AvroSerializer<V>) serializers.computeIfAbsent(to.valueType(),
                    c -> new AvroSerializer<>(to, registry));
            byte[] bytes = serializer.serialize(topic, value);
            long timestamp = value instanceof FeatureVector v ? v.getWindowEnd().toEpochMilli()
                    : value instanceof Label l ? l.getLabelledAt().toEpochMilli() : System.currentTimeMillis();
            if (value instanceof BgpUpdate u) {
                timestamp = u.getTimestamp().toEpochMilli();
            } else if (value instanceof MetricSample s) {
                timestamp = s.getTimestamp().toEpochMilli();
            }
            producer.send(new ProducerRecord<>(topic, null, timestamp, key, bytes));
        }
    }
}
