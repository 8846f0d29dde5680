package dev.vigil.drift.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.kit.testing.TestContexts;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.drift.DriftMonitorApp;
import dev.vigil.drift.DriftSettings;
import dev.vigil.drift.state.DriftStores;
import dev.vigil.drift.state.SketchWindows;
import dev.vigil.kit.app.AppContext;
import dev.vigil.sketches.Sketch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams re-initialises the same processor instances when it revives a task (e.g. after an aborted
 * exactly-once transaction), with the stores back at their last commit. The processors keep decoded
 * sketches in memory between records ({@link StateAccess}); a re-initialised processor must drop them and
 * read the stores again, or the records processed again after the abort would be counted twice.
 */
class ProcessorReinitTest {
    private static final String DOMAIN = "telemetry-service";
    private static final String MODEL = DOMAIN + ".isolation-forest";
    private static final Instant WINDOW = Instant.parse("2024-05-01T00:00:00Z");

    private final AppContext ctx = TestContexts.forApp(DriftMonitorApp.NAME, Map.of());
    private final DriftSettings settings = DriftSettings.from(ctx.config());
    private final DriftProcessors processors = new DriftProcessors(settings, ctx, Clock.systemUTC());

    @Test
    void aFeatureProcessorReinitialisedOverItsCommittedStateSketchesLikeAFreshOne() {
        List<FeatureVector> input = List.of(vector("service:a", 1.0), vector("service:b", 2.0));
        String key = DriftStores.featureKey(DOMAIN, "latency");
        assertSameAfterRevive(processors::features, input, key);
    }

    @Test
    void aScoreProcessorReinitialisedOverItsCommittedStateSketchesLikeAFreshOne() {
        List<DetectorScore> input = List.of(score("service:a", 0.1), score("service:b", 0.9));
        assertSameAfterRevive(processors::scores, input, DriftStores.scoreKey(MODEL));
    }

    /**
     * One instance processes the first record, its transaction aborts (new stores: the state of the last
     * commit, before that record), it is initialised again and processes every record; a fresh instance
     * processes every record. The sketches they store must hold the same values.
     */
    private <V> void assertSameAfterRevive(Supplier<Processor<String, V, String, SpecificRecord>> supplier, List<V> input,
                                           String sketchKey) {
        Processor<String, V, String, SpecificRecord> revived = supplier.get();
        revived.init(contextWithStores());
        revived.process(record(input.getFirst()));
        MockProcessorContext<String, SpecificRecord> afterRevive = contextWithStores();
        revived.close();
        revived.init(afterRevive);

        Processor<String, V, String, SpecificRecord> fresh = supplier.get();
        MockProcessorContext<String, SpecificRecord> freshContext = contextWithStores();
        fresh.init(freshContext);
        for (V value : input) {
            revived.process(record(value));
            fresh.process(record(value));
        }

        Sketch expected = sketch(freshContext, sketchKey);
        Sketch actual = sketch(afterRevive, sketchKey);
        assertEquals(input.size(), expected.count());
        assertEquals(expected.count(), actual.count(), "the record of the aborted transaction is counted once");
        assertEquals(expected.min(), actual.min());
        assertEquals(expected.max(), actual.max());
    }

    private Sketch sketch(MockProcessorContext<String, SpecificRecord> context, String key) {
        SketchWindows sketches = context.getStateStore(DriftStores.SKETCHES);
        long start = settings.windowStartOf(WINDOW.toEpochMilli());
        return sketches.get(key, start).orElseThrow();
    }

    private static <V> Record<String, V> record(V value) {
        return new Record<>(DOMAIN, value, WINDOW.toEpochMilli());
    }

    private static FeatureVector vector(String entity, double latency) {
        return FeatureVector.newBuilder().setEntity(entity).setDomain(DOMAIN).setWindowStart(WINDOW)
                .setWindowEnd(WINDOW.plus(Duration.ofMinutes(1))).setFeatureNames(List.of("latency"))
                .setValues(List.of(latency)).setEventCount(100).build();
    }

    private static DetectorScore score(String entity, double calibrated) {
        return DetectorScore.newBuilder().setEntity(entity).setDomain(DOMAIN).setWindowStart(WINDOW)
                .setWindowEnd(WINDOW.plus(Duration.ofMinutes(1))).setDetector("isolation-forest").setModelName(MODEL)
                .setModelVersion(1).setStatus(ScoreStatus.SCORED).setRawScore(calibrated).setScore(calibrated)
                .setThreshold(0.5).setAnomalous(calibrated >= 0.5).setShadow(false).setEventCount(100)
                .setScoredAt(WINDOW.plus(Duration.ofMinutes(1))).build();
    }

    /** The monitor's stores, in memory and without changelog or cache, under their real names. */
    private MockProcessorContext<String, SpecificRecord> contextWithStores() {
        MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        add(context, SketchWindows.over(inMemoryWindows(DriftStores.SKETCHES)).build());
        for (String name : List.of(DriftStores.COUNTS, DriftStores.VERDICTS, DriftStores.LABELS)) {
            add(context, inMemoryWindows(name).build());
        }
        for (String name : List.of(DriftStores.MODELS, DriftStores.DOMAINS, DriftStores.VERSIONS)) {
            add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                    .withLoggingDisabled().build());
        }
        return context;
    }

    private StoreBuilder<WindowStore<String, byte[]>> inMemoryWindows(String name) {
        return Stores.windowStoreBuilder(Stores.inMemoryWindowStore(name, settings.retention(), settings.window(), false),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled();
    }

    private static void add(MockProcessorContext<String, SpecificRecord> context, StateStore store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
