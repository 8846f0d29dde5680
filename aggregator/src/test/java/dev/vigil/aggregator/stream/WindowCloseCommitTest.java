package dev.vigil.aggregator.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.MetricSample;
import dev.vigil.kit.config.VigilConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Under exactly-once a closed window's vector is visible only once committed, so a close asks for a commit at once;
 * through a backlog, where windows close many times a second, at most once in five seconds of wall-clock time.
 */
class WindowCloseCommitTest {
    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final long FIVE_MINUTES = 300;

    private final java.nio.file.Path stateDir;
    private final MockProcessorContext<String, Emitted> context;
    private final WindowedAccumulators<?> store = WindowedAccumulators.builder(AggregatorTopology.METRIC_WINDOWS,
            MetricWindowProcessor.CODEC).withLoggingDisabled().build();
    private final MetricWindowProcessor processor;

    WindowCloseCommitTest() throws java.io.IOException {
        stateDir = java.nio.file.Files.createTempDirectory("window-close-commit");
        java.util.Properties config = new java.util.Properties();
        config.put("application.id", "window-close-commit");
        config.put("bootstrap.servers", "127.0.0.1:9");
        context = new MockProcessorContext<>(config, new org.apache.kafka.streams.processor.TaskId(0, 0), stateDir.toFile());
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        AggregatorSettings settings = AggregatorSettings.from(VigilConfig.of("aggregator", Map.of()));
        processor = new MetricWindowProcessor(settings, new LateRecords<>("aggregator", v -> new byte[0], new SimpleMeterRegistry(),
                settings.telemetryGrace().toMillis()));
        processor.init(context);
    }

    @AfterEach
    void close() throws java.io.IOException {
        store.close();
        dev.vigil.devstack.Directories.deleteRecursively(stateDir);
    }

    @Test
    void aWindowsCloseCommitsAtOnceButAtMostOnceInFiveSeconds() {
        context.setCurrentSystemTimeMs(1_000_000);
        sample(10);
        sample(20);
        assertFalse(context.committed(), "nothing closed yet");

        sample(FIVE_MINUTES + 40); // past the first window's end plus 30 s grace
        assertEquals(1, context.forwarded().size(), "the first window's vector");
        assertTrue(context.committed());

        context.resetCommit();
        context.setCurrentSystemTimeMs(1_000_200);
        sample(2 * FIVE_MINUTES + 40); // a backlog: the next window closes 200 ms of wall-clock time later
        assertEquals(2, context.forwarded().size());
        assertFalse(context.committed(), "left to the next request or the commit interval");

        context.setCurrentSystemTimeMs(1_004_900);
        sample(3 * FIVE_MINUTES + 40);
        assertFalse(context.committed(), "4.9 s after the last request");

        context.setCurrentSystemTimeMs(1_005_000);
        sample(4 * FIVE_MINUTES + 40);
        assertTrue(context.committed());
    }

    private void sample(long second) {
        MetricSample s = MetricSample.newBuilder().setSource("host1").setMetric("cpu").setTimestamp(T0.plusSeconds(second))
                .setValue(1.0).setTags(Map.of()).build();
        processor.process(new Record<>("metric:host1|cpu", s, s.getTimestamp().toEpochMilli()));
    }
}
