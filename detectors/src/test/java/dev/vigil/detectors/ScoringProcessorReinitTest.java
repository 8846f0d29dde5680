package dev.vigil.detectors;

import static dev.vigil.detectors.TestModels.bytes;
import static dev.vigil.detectors.TestModels.chunks;
import static dev.vigil.detectors.TestModels.name;
import static dev.vigil.detectors.TestModels.version;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.models.Algorithms;
import dev.vigil.models.adaptive.AdaptiveSettings;
import dev.vigil.registry.ModelKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams re-initialises the same processor instance when it revives a task (e.g. after an aborted
 * exactly-once transaction), with the stores back at their last commit. A revive cannot be triggered
 * through the TopologyTestDriver, so these tests call {@code init} again on the same instance.
 */
class ScoringProcessorReinitTest {
    private static final String RULES = Algorithms.RULES;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    private final CanarySet canaries = new CanarySet(16);
    private final ModelReloader reloader = new ModelReloader(new ServingModels(), canaries, new ModelLoader(clock),
            ReloadListener.NONE, clock, true);
    private final ScoringProcessor processor = new ScoringProcessor(reloader, canaries, new VectorScorer(ScoringListener.NONE),
            new DetectorsSettings(12, 16, Duration.ofSeconds(1), Duration.ofSeconds(30), true, false, java.util.Set.of(),
                    AdaptiveSettings.DEFAULTS, Duration.ofDays(7)),
            DetectorsTopology.HISTORY_STORE, DetectorsTopology.REFUSALS_STORE, DetectorsTopology.ADAPTIVE_STORE, "detectors",
            "model.versions", clock);

    @Test
    void aRefusalReportLostWithAnAbortedTransactionIsReportedAgain() {
        MockProcessorContext<String, SpecificRecord> first = contextWithStores();
        processor.init(first);
        refuseACorruptVersion();
        assertEquals(List.of(refusedKey()), reportsAfterHousekeeping(first));

        // The transaction that carried the report aborted: the revived task's stores are as at the last commit.
        MockProcessorContext<String, SpecificRecord> revived = contextWithStores();
        processor.close();
        processor.init(revived);
        assertEquals(List.of(refusedKey()), reportsAfterHousekeeping(revived));

        // That second report was committed: a later revive does not repeat it.
        revived.resetForwards();
        processor.close();
        processor.init(revived);
        assertEquals(List.of(), reportsAfterHousekeeping(revived));
    }

    @Test
    void aCommittedRefusalReportIsNotRepeatedAfterAReinit() {
        MockProcessorContext<String, SpecificRecord> context = contextWithStores();
        processor.init(context);
        refuseACorruptVersion();
        assertEquals(List.of(refusedKey()), reportsAfterHousekeeping(context));

        context.resetForwards();
        processor.close();
        processor.init(context);
        assertEquals(List.of(), reportsAfterHousekeeping(context));
    }

    @Test
    void aReinitLeavesOneHousekeepingPunctuation() {
        MockProcessorContext<String, SpecificRecord> context = contextWithStores();
        processor.init(context);
        processor.close();
        processor.init(context);
        assertEquals(2, context.scheduledPunctuators().size());
        assertEquals(1, context.scheduledPunctuators().stream().filter(p -> !p.cancelled()).count(),
                "Streams keeps a revived task's punctuations; the one of the first init must be cancelled");
    }

    private void refuseACorruptVersion() {
        publish(1, bytes(RULES, 1));
        byte[] corrupt = bytes(RULES, 2);
        corrupt[corrupt.length / 2] ^= 0x5A;
        publish(2, corrupt);
    }

    private void publish(int v, byte[] artifact) {
        ModelVersion version = version(RULES, v, ModelStage.PRODUCTION, artifact);
        chunks(version, artifact, 1000).forEach(reloader::onChunk);
        reloader.onVersion(version);
    }

    private static String refusedKey() {
        return ModelKeys.version(name(RULES), 2);
    }

    /** Runs the live punctuations, as the task would a second later, and returns the keys of the reports forwarded so far. */
    private List<String> reportsAfterHousekeeping(MockProcessorContext<String, SpecificRecord> context) {
        long now = clock.millis() + 1000;
        for (CapturedPunctuator punctuation : context.scheduledPunctuators()) {
            if (!punctuation.cancelled()) {
                punctuation.getPunctuator().punctuate(now);
            }
        }
        return context.forwarded().stream().filter(f -> f.record().value() instanceof DeadLetter)
                .map(f -> (String) f.record().key()).toList();
    }

    private static MockProcessorContext<String, SpecificRecord> contextWithStores() {
        MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
        add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DetectorsTopology.HISTORY_STORE),
                Serdes.String(), EntityHistorySerde.serde()));
        add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DetectorsTopology.REFUSALS_STORE),
                Serdes.String(), Serdes.String()));
        return context;
    }

    private static <K, V> void add(MockProcessorContext<String, SpecificRecord> context,
                                   StoreBuilder<KeyValueStore<K, V>> builder) {
        KeyValueStore<K, V> store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
