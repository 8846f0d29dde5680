package dev.vigil.ensemble.streams;

import dev.vigil.avro.ModelVersion;
import dev.vigil.ensemble.model.ActiveModels;
import dev.vigil.kit.deadletter.Decoded;
import dev.vigil.kit.deadletter.RecordGuard;
import dev.vigil.registry.ModelKeys;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global store of {@code model.versions} (key {@code <model name>/<version>}) and feeds the shared
 * {@link ActiveModels} view in offset order, which the serving rule needs. The store is in memory, so on every
 * start Kafka Streams replays the compacted topic through this processor from the beginning, in offset order,
 * before any task runs; a persistent store would restore only what follows its checkpoint and leave the order
 * of older records unknown. Values arrive as bytes and are decoded by the kit's {@link RecordGuard}, so an
 * undecodable record on the compacted topic is dead-lettered and skipped instead of stopping the global thread
 * on every start.
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
    }

    @Override
    public void process(Record<String, byte[]> record) {
        var meta = context.recordMetadata();
        Decoded<ModelVersion> decoded = guard.decode(meta.map(m -> m.topic()).orElse("unknown"),
                meta.map(m -> m.partition()).orElse(-1), meta.map(m -> m.offset()).orElse(-1L), record.key(), record.value());
        if (record.key() == null || decoded.failed()) {
            return;
        }
        if (decoded.tombstone()) {
            store.delete(record.key());
            ModelKeys.parseVersion(record.key()).ifPresentOrElse(k -> models.deleted(k.model(), k.version()),
                    () -> LOG.warn("Ignoring tombstone with key {}: not <model>/<version>", record.key()));
            return;
        }
        ModelVersion version = decoded.value();
        store.put(record.key(), version);
        models.announced(version);
        LOG.info("Model {} v{} of {} is {}", version.getName(), version.getVersion(), version.getDomain(), version.getStage());
    }
}
