package dev.vigil.detectors;

import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelVersion;
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
 */
final class RegistryProcessors {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryProcessors.class);

    private RegistryProcessors() {
    }

    static final class Versions implements Processor<String, ModelVersion, Void, Void> {
        private final ModelReloader reloader;
        private final String storeName;
        private KeyValueStore<String, ModelVersion> store;

        Versions(ModelReloader reloader, String storeName) {
            this.reloader = reloader;
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, ModelVersion> record) {
            try {
                if (record.value() == null) {
                    store.delete(record.key());
                    return;
                }
                store.put(record.key(), record.value());
                reloader.onVersion(record.value());
            } catch (RuntimeException e) {
                LOG.error("Cannot apply model version record {}", record.key(), e);
            }
        }
    }

    static final class Artifacts implements Processor<String, ModelArtifact, Void, Void> {
        private final ModelReloader reloader;
        private final String storeName;
        private KeyValueStore<String, ModelArtifact> store;

        Artifacts(ModelReloader reloader, String storeName) {
            this.reloader = reloader;
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, ModelArtifact> record) {
            try {
                if (record.value() == null) {
                    store.delete(record.key());
                    forget(record.key());
                    return;
                }
                ModelArtifact chunk = record.value();
                // The store lists chunks (for queries); their bytes live once, in the reloader.
                store.put(record.key(), ModelArtifact.newBuilder(chunk).setData(ByteBuffer.allocate(0)).build());
                reloader.onChunk(chunk);
            } catch (RuntimeException e) {
                LOG.error("Cannot apply model artifact chunk {}", record.key(), e);
            }
        }

        private void forget(String key) {
            String[] parts = key == null ? new String[0] : key.split("/");
            if (parts.length == 3) {
                reloader.onChunkDeleted(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
        }
    }
}
