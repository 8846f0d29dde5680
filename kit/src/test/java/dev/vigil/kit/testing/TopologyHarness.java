package dev.vigil.kit.testing;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.StreamsProperties;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * An app's topology on a {@link TopologyTestDriver}, set up as the app runs it: the context of
 * {@link TestContexts#forApp} (an in-memory schema registry, meter registry and dead-letter sink) and the app's own
 * Kafka Streams properties ({@link StreamsProperties#of}: exactly-once, the dead-letter handlers, the bounded timestamp
 * extractor), with its state in a directory of its own. Topics are typed by their Avro class, keys are strings.
 *
 * <pre>{@code
 * try (TopologyHarness app = TopologyHarness.forApp(DetectorsApp.NAME).setting("vigil.detectors.adaptive.enabled", "false")
 *         .start(ctx -> new DetectorsApp().topology(ctx))) {
 *     app.input(Topics.Typed.FEATURES_BGP).pipeInput(v.getEntity(), v);
 *     List<DetectorScore> scores = app.output(Topics.Typed.SCORES).readValuesToList();
 * }
 * }</pre>
 *
 * A test fixture: the kit's test-jar publishes this package; the kit's jar does not hold it.
 */
public final class TopologyHarness implements AutoCloseable {
    private final AppContext ctx;
    private final TopologyTestDriver driver;
    /** The state directory the harness made, and so deletes on close; null when the test gave one. */
    private final Path ownStateDir;

    private TopologyHarness(AppContext ctx, TopologyTestDriver driver, Path ownStateDir) {
        this.ctx = ctx;
        this.driver = driver;
        this.ownStateDir = ownStateDir;
    }

    /** A harness for the app of this name ({@code vigil.<name>.*} settings, application id {@code vigil-<name>}). */
    public static Builder forApp(String appName) {
        return new Builder(appName);
    }

    /** What to start: the app's settings, where its state goes, when the driver's wall clock starts. */
    public static final class Builder {
        private final String appName;
        private final Map<String, String> settings = new HashMap<>();
        private Path stateDir;
        private Instant wallClockStart;

        private Builder(String appName) {
            this.appName = appName;
        }

        /** Settings over the test context's (which point the serdes at a fresh in-memory registry). */
        public Builder settings(Map<String, String> values) {
            settings.putAll(values);
            return this;
        }

        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** Where the state stores live (a JUnit {@code @TempDir}); by default a fresh directory, deleted on close. */
        public Builder stateDir(Path dir) {
            stateDir = dir;
            return this;
        }

        /** The driver's mock wall-clock time at start; by default the current time. */
        public Builder wallClockStart(Instant start) {
            wallClockStart = start;
            return this;
        }

        /** Builds the topology on the test context and starts the driver on it. */
        public TopologyHarness start(Function<AppContext, Topology> topology) {
            AppContext ctx = TestContexts.forApp(appName, settings);
            Path own = null;
            Path dir = stateDir;
            if (dir == null) {
                try {
                    own = Files.createTempDirectory("vigil-" + appName + "-ttd-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                dir = own;
            }
            Properties props = StreamsProperties.of(appName, ctx.config());
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
            Topology built = topology.apply(ctx);
            TopologyTestDriver driver = wallClockStart == null ? new TopologyTestDriver(built, props)
                    : new TopologyTestDriver(built, props, wallClockStart);
            return new TopologyHarness(ctx, driver, own);
        }
    }

    /** The context the topology was built on: config, serdes, metrics, the in-memory dead-letter sink. */
    public AppContext context() {
        return ctx;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    /** An input topic of Avro values under this name (as given: {@code ctx.topic(...)} for a configured one). */
    public <V extends SpecificRecord> TestInputTopic<String, V> input(String topic, Class<V> type) {
        return driver.createInputTopic(topic, ctx.serdes().key().serializer(), ctx.serdes().value(type).serializer());
    }

    /** A typed topic as input, under its configured name. */
    public <V extends SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
        return input(ctx.topic(topic), topic.valueType());
    }

    /** An input topic of any bytes, as a broken or hostile producer may write them. */
    public TestInputTopic<String, byte[]> rawInput(String topic) {
        return driver.createInputTopic(topic, ctx.serdes().key().serializer(), new ByteArraySerializer());
    }

    /** An output topic of Avro values under this name. */
    public <V extends SpecificRecord> TestOutputTopic<String, V> output(String topic, Class<V> type) {
        return driver.createOutputTopic(topic, ctx.serdes().key().deserializer(), ctx.serdes().value(type).deserializer());
    }

    /** A typed topic as output, under its configured name. */
    public <V extends SpecificRecord> TestOutputTopic<String, V> output(Topic<V> topic) {
        return output(ctx.topic(topic), topic.valueType());
    }

    /** The dead letters of records read from a typed topic, under its configured name. */
    public TestOutputTopic<String, DeadLetter> deadLetters(Topic<?> topic) {
        return deadLetters(ctx.topic(topic));
    }

    /** The dead letters of records read from this topic ({@link Topics#dlq}). */
    public TestOutputTopic<String, DeadLetter> deadLetters(String topic) {
        return output(Topics.dlq(topic), DeadLetter.class);
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            if (ownStateDir != null) {
                delete(ownStateDir);
            }
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
