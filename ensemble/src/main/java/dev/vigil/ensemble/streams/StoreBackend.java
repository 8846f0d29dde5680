package dev.vigil.ensemble.streams;

import dev.vigil.ensemble.state.Backend;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;

/** A {@link Backend} on a Kafka Streams key-value store (RocksDB with a changelog in the app). */
final class StoreBackend implements Backend {
    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, String> store;

    StoreBackend(KeyValueStore<String, String> store) {
        this.store = store;
    }

    @Override
    public String get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, String value) {
        store.put(key, value);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public void scan(String prefix, Predicate<Map.Entry<String, String>> visitor) {
        try (var it = store.prefixScan(prefix, PREFIX_SERIALIZER)) {
            while (it.hasNext()) {
                var kv = it.next();
                if (!visitor.test(Map.entry(kv.key, kv.value))) {
                    return;
                }
            }
        }
    }
}
