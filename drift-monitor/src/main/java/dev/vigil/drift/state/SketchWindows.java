package dev.vigil.drift.state;

import dev.vigil.kit.state.WriteBehindStore;
import dev.vigil.sketches.Sketch;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The t-digest of each key per drift window, as a {@link WriteBehindStore}: the sketch of each key's latest window
 * stays decoded in memory, an update only marks it dirty, and dirty sketches are encoded and written to the logged
 * window store underneath right before every commit.
 *
 * <p>Why: every feature vector adds one value to each of its features' sketches, and encoding a sketch (merging
 * its buffer, then writing its centroids) costs far more than adding a value; encoding on every update made the
 * monitor the busiest app of the pipeline. Kafka Streams' record cache folds the store writes but not the encoding.
 */
public final class SketchWindows extends WriteBehindStore<WindowStore<String, byte[]>> {
    /** A key's latest window, decoded. */
    private static final class Live {
        final long start;
        final Sketch sketch;
        boolean dirty;

        Live(long start, Sketch sketch) {
            this.start = start;
            this.sketch = sketch;
        }
    }

    private final Map<String, Live> live = new HashMap<>();

    SketchWindows(WindowStore<String, byte[]> store) {
        super(store);
    }

    /** A persistent, logged, uncached window store of sketches with this name (uncached: this store folds the writes). */
    static StoreBuilder<SketchWindows> builder(String name, Duration retention, Duration window) {
        return over(Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, window, false),
                Serdes.String(), Serdes.ByteArray()).withCachingDisabled());
    }

    /** Over any window store of encoded sketches (tests use an in-memory one); it must not be cached. */
    public static StoreBuilder<SketchWindows> over(StoreBuilder<WindowStore<String, byte[]>> inner) {
        return new WriteBehindStore.Builder<>(inner, SketchWindows::new);
    }

    /**
     * Adds values to the sketch of a key in a window; written at the next flush. A key moves on to a later window as
     * data time passes, so only its latest window is kept decoded; an earlier one is written back at once.
     */
    public void add(String key, long windowStart, double... values) {
        Live entry = live.get(key);
        if (entry == null || entry.start != windowStart) {
            if (entry != null && entry.dirty) {
                store.put(key, entry.sketch.toBytes(), entry.start);
            }
            byte[] stored = store.fetch(key, windowStart);
            entry = new Live(windowStart, stored == null ? new Sketch() : Sketch.fromBytes(stored));
            live.put(key, entry);
        }
        entry.sketch.addAll(values);
        entry.dirty = true;
    }

    /** The sketch of a key in a window, a copy the caller may change. */
    public Optional<Sketch> get(String key, long windowStart) {
        Live entry = live.get(key);
        if (entry != null && entry.start == windowStart) {
            return Optional.of(entry.sketch.copy());
        }
        return Optional.ofNullable(store.fetch(key, windowStart)).map(Sketch::fromBytes);
    }

    /** A key's sketches with window starts in [fromStart, toStart], by start; copies. */
    public SortedMap<Long, Sketch> range(String key, long fromStart, long toStart) {
        SortedMap<Long, Sketch> out = new TreeMap<>();
        if (fromStart > toStart) {
            return out;
        }
        try (WindowStoreIterator<byte[]> it = store.fetch(key, fromStart, toStart)) {
            it.forEachRemaining(kv -> out.put(kv.key, Sketch.fromBytes(kv.value)));
        }
        Live entry = live.get(key);
        if (entry != null && entry.start >= fromStart && entry.start <= toStart) {
            out.put(entry.start, entry.sketch.copy());
        }
        return out;
    }

    /** Writes every changed sketch to the logged store: called by Kafka Streams before each commit. */
    @Override
    public void flushCache() {
        live.forEach((key, entry) -> {
            if (entry.dirty) {
                store.put(key, entry.sketch.toBytes(), entry.start);
                entry.dirty = false;
            }
        });
    }

    /** The store underneath may have been changed directly (a recycled task restores into it): forget the live copies. */
    @Override
    public void clearCache() {
        live.clear();
    }
}
