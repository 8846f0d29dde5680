package dev.vigil.ensemble.streams;

import dev.vigil.avro.DeadLetter;
import dev.vigil.ensemble.model.ActiveModels;
import dev.vigil.kit.deadletter.Decoded;
import dev.vigil.kit.deadletter.RecordGuard;
import dev.vigil.registry.RefusalReport;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the detectors' refusal reports on {@code model.versions.dlq} into {@link ActiveModels}, so a refused
 * version counts as the detectors treat it. The other letters on that topic (undecodable version records) are
 * skipped. The global store (in memory, replayed on every start like the versions store) keeps each report's
 * description by {@code <model>/<version>}. A report that no longer exists because the topic's retention
 * removed it is not learned on a later start: then the ensemble counts the version as announced, until the
 * detectors refuse it again (they do when they restart).
 */
final class RefusalReportsProcessor implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RefusalReportsProcessor.class);

    private final ActiveModels models;
    private final RecordGuard<DeadLetter> guard;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, String> store;

    RefusalReportsProcessor(ActiveModels models, RecordGuard<DeadLetter> guard) {
        this.models = models;
        this.guard = guard;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(EnsembleTopology.REFUSALS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        var meta = context.recordMetadata();
        Decoded<DeadLetter> decoded = guard.decode(meta.map(m -> m.topic()).orElse("unknown"),
                meta.map(m -> m.partition()).orElse(-1), meta.map(m -> m.offset()).orElse(-1L), record.key(), record.value());
        if (!decoded.ok()) {
            return;
        }
        RefusalReport.of(decoded.value()).ifPresent(report -> {
            store.put(report.key(), report.description());
            models.refused(report);
            LOG.info("Model {} v{} was refused by {}: {}", report.model(), report.version(), report.app(), report.description());
        });
    }
}
