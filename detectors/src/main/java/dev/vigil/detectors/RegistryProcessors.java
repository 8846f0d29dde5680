package dev.vigil.detectors;

import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelVersion;
import dev.vigil.kit.deadletter.Decoded;
import dev.vigil.kit.deadletter.RecordGuard;
import dev.vigil.registry.ModelKeys;
import java.nio.ByteBuffer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global-store processors that feed {@link ModelReloader} from {@code model.versions} and
 * {@code model.artifacts}. Global stores are reprocessed through these processors on every start (their
 * stores are in memory), so the reloader is rebuilt from the compacted topics before any vector is scored.
 * A failure is logged and never thrown: an exception would stop the global thread and with it the app.
 * Values arrive as bytes and are decoded here, through the kit's {@link RecordGuard}: a record that does
 * not decode is dead-lettered once (with its bytes) and skipped. Left to Streams, it would reach the
 * deserialisation handler on the global thread, which cannot write dead letters, and stop the app on
 * every start, since the topics are compacted and keep the record.
 */
final class RegistryProcessors {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryProcessors.class);

    private RegistryProcessors() {
    }

    /** What a registry record does: what to keep in the global store, and what to tell the reloader. */
    private interface Handler<V> {
        /** The value to store for a record (the reloader has been told). */
        V apply(String key, V value);

        void deleted(String key);
    }

    /** Keeps a global store of registry records and feeds the reloader; never throws. */
    private static final class RegistryRecordProcessor<V> implements Processor<String, byte[], Void, Void> {
        private final String storeName;
        private final String what;
        private final Handler<V> handler;
        private final RecordGuard<V> guard;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, V> store;

        RegistryRecordProcessor(String storeName, String what, Handler<V> handler, RecordGuard<V> guard) {
            this.storeName = storeName;
            this.what = what;
            this.handler = handler;
            this.guard = guard;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            try {
                var meta = context.recordMetadata();
                Decoded<V> decoded = guard.decode(meta.map(m -> m.topic()).orElse("unknown"),
                        meta.map(m -> m.partition()).orElse(-1), meta.map(m -> m.offset()).orElse(-1L),
                        record.key(), record.value());
                if (decoded.tombstone()) {
                    store.delete(record.key());
                    handler.deleted(record.key());
                    return;
                }
                if (decoded.failed()) {
                    return;
                }
                store.put(record.key(), handler.apply(record.key(), decoded.value()));
            } catch (RuntimeException e) {
                LOG.error("Cannot apply {} {}", what, record.key(), e);
            }
        }
    }

    static Processor<String, byte[], Void, Void> versions(ModelReloader reloader, String storeName,
                                                         RecordGuard<ModelVersion> guard) {
        return new RegistryRecordProcessor<>(storeName, "model version record", new Handler<>() {
            @Override
            public ModelVersion apply(String key, ModelVersion version) {
                reloader.onVersion(version);
                return version;
            }

            @Override
            public void deleted(String key) {
                ModelKeys.parseVersion(key).ifPresent(k -> reloader.onVersionDeleted(k.model(), k.version()));
            }
        }, guard);
    }

    static Processor<String, byte[], Void, Void> artifacts(ModelReloader reloader, String storeName,
                                                          RecordGuard<ModelArtifact> guard) {
        return new RegistryRecordProcessor<>(storeName, "model artifact chunk", new Handler<>() {
            @Override
            public ModelArtifact apply(String key, ModelArtifact chunk) {
                reloader.onChunk(chunk);
                // The store lists chunks (for queries); their bytes live once, in the reloader.
                return ModelArtifact.newBuilder(chunk).setData(ByteBuffer.allocate(0)).build();
            }

            @Override
            public void deleted(String key) {
                String[] parts = key == null ? new String[0] : key.split("/");
                if (parts.length == 3) {
                    reloader.onChunkDeleted(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                }
            }
        }, guard);
    }
}
