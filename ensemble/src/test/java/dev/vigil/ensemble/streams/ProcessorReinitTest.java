package dev.vigil.ensemble.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.testing.TestContexts;
import dev.vigil.avro.DetectorScore;
import dev.vigil.ensemble.EnsembleApp;
import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.EnsembleSettings;
import dev.vigil.ensemble.model.ActiveModels;
import dev.vigil.ensemble.model.ExpectedDetectors;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.kit.app.AppContext;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams re-initialises the same processor instances when it revives a task (e.g. after an aborted
 * exactly-once transaction), with the stores back at their last commit, and keeps the task's punctuations.
 * A revive cannot be triggered through the TopologyTestDriver, so these tests call {@code init} again.
 */
class ProcessorReinitTest {
    private static final String SVC = "telemetry-service";

    private final AppContext ctx = TestContexts.forApp(EnsembleApp.NAME, Map.of(
            "vigil.ensemble.detectors." + SVC, "isolation-forest,rules", "vigil.ensemble.wait.clock", "event"));
    private final EnsembleSettings settings = EnsembleSettings.from(ctx.config());
    private final EnsembleMetrics metrics = new EnsembleMetrics(ctx.metrics());
    private final ExpectedDetectors expected = new ExpectedDetectors(new ActiveModels(), settings.detectors());

    @Test
    void aReinitialisedFusionProcessorKeepsOneTick() {
        FusionProcessor processor = new FusionProcessor(settings, expected, metrics);
        MockProcessorContext<String, WindowScores> context = withStore(new MockProcessorContext<>(), EnsembleTopology.WINDOWS_STORE);
        processor.init(context);
        processor.close();
        processor.init(context);
        assertEquals(1, liveTicks(context), "the first init's punctuation must be cancelled");
    }

    @Test
    void aReinitialisedDomainProcessorKeepsOneTick() {
        DomainProcessor processor = new DomainProcessor(settings, metrics);
        MockProcessorContext<String, SpecificRecord> context = withStore(new MockProcessorContext<>(), EnsembleTopology.DOMAIN_STORE);
        processor.init(context);
        processor.close();
        processor.init(context);
        assertEquals(1, liveTicks(context), "the first init's punctuation must be cancelled");
    }

    @Test
    void aFusionProcessorReinitialisedOverItsCommittedStateGathersLikeAFreshOne() {
        FusionProcessor revived = new FusionProcessor(settings, expected, metrics);
        MockProcessorContext<String, WindowScores> aborted = withStore(new MockProcessorContext<>(), EnsembleTopology.WINDOWS_STORE);
        revived.init(aborted);
        revived.process(record(score("isolation-forest", 0.9)));
        assertTrue(aborted.forwarded().isEmpty(), "waits for rules");

        // The transaction aborted: the store is back at the last commit, before the first score.
        MockProcessorContext<String, WindowScores> afterRevive = withStore(new MockProcessorContext<>(), EnsembleTopology.WINDOWS_STORE);
        revived.close();
        revived.init(afterRevive);
        FusionProcessor fresh = new FusionProcessor(settings, expected, metrics);
        MockProcessorContext<String, WindowScores> freshContext = withStore(new MockProcessorContext<>(), EnsembleTopology.WINDOWS_STORE);
        fresh.init(freshContext);
        for (DetectorScore score : List.of(score("isolation-forest", 0.9), score("rules", 0.2))) {
            revived.process(record(score));
            fresh.process(record(score));
        }

        assertEquals(1, released(freshContext).size());
        assertEquals(released(freshContext), released(afterRevive));
    }

    private static DetectorScore score(String detector, double value) {
        return EnsembleDriver.score("service:checkout", SVC, 0, detector, 1, value, false);
    }

    private static Record<String, DetectorScore> record(DetectorScore score) {
        return new Record<>(score.getEntity(), score, score.getWindowEnd().toEpochMilli());
    }

    private static List<WindowScores> released(MockProcessorContext<String, WindowScores> context) {
        return context.forwarded().stream().map(f -> (WindowScores) f.record().value()).toList();
    }

    private static long liveTicks(MockProcessorContext<?, ?> context) {
        return context.scheduledPunctuators().stream().filter(p -> !p.cancelled()).count();
    }

    private static <C extends MockProcessorContext<?, ?>> C withStore(C context, String name) {
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setCurrentSystemTimeMs(EnsembleDriver.WALL_START.toEpochMilli());
        return context;
    }
}
