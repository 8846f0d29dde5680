package dev.vigil.ensemble.streams;

import dev.vigil.avro.ModelVersion;
import dev.vigil.ensemble.model.ActiveModels;
import dev.vigil.kit.deadletter.Decoded;
import dev.vigil.kit.deadletter.RecordGuard;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global store of {@code model.versions} (key {@code <model name>/<version>}) and the shared
 * {@link ActiveModels} view. The view is rebuilt from the store on start, after the store is restored,
 * because a restore may write the store without passing records through this processor. Values arrive as
 * bytes and are decoded by the kit's {@link RecordGuard}, so an undecodable record on the compacted topic is
 * dead-lettered once and skipped instead of stopping the global thread on every start.
 */
final class ModelVersionsProcessor implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ModelVersionsProcessor.class);

    private final ActiveModels models;
    private final RecordGuard<ModelVersion> guard;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, ModelVersion> store;

    ModelVersionsProcessor(ActiveModels models, RecordGuard<ModelVersion> guard) {
        this.models = models;
        this.guard = guard;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(EnsembleTopology.MODELS_STORE);
        models.clear();
        int count = 0;
        try (var all = store.all()) {
            while (all.hasNext()) {
                models.observe(Converters.announcement(all.next().value));
                count++;
            }
        }
        LOG.info("Model registry view rebuilt from {} version records", count);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        var meta = context.recordMetadata();
        Decoded<ModelVersion> decoded = guard.decode(meta.map(m -> m.topic()).orElse("unknown"),
                meta.map(m -> m.partition()).orElse(-1), meta.map(m -> m.offset()).orElse(-1L), record.key(), record.value());
        if (record.key() == null || decoded.failed()) {
            return;
        }
        ModelVersion version = decoded.value();
        if (decoded.tombstone()) {
            store.delete(record.key());
            int slash = record.key().lastIndexOf('/');
            if (slash > 0) {
                try {
                    models.forget(record.key().substring(0, slash), Integer.parseInt(record.key().substring(slash + 1)));
                } catch (NumberFormatException e) {
                    LOG.warn("Ignoring tombstone with key {}: not <model>/<version>", record.key());
                }
            }
            return;
        }
        store.put(record.key(), version);
        models.observe(Converters.announcement(version));
        LOG.info("Model {} v{} of {} is {}", version.getName(), version.getVersion(), version.getDomain(), version.getStage());
    }
}
