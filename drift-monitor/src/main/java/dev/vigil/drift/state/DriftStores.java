package dev.vigil.drift.state;

import dev.vigil.drift.DriftSettings;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The monitor's state stores, all folding their writes: a window's sketch of a feature changes with every vector,
 * and {@link SketchWindows} encodes and logs it once per commit; the others are behind Kafka Streams' record cache. Window stores are keyed by a string and the start of a window in data time
 * (never a record's timestamp), so retention follows the data even when it is replayed years later.
 *
 * <ul>
 *   <li>{@link #SKETCHES} ({@link SketchWindows}): t-digest bytes per drift window, key {@link #featureKey} or {@link #scoreKey};</li>
 *   <li>{@link #COUNTS}: {@link WindowCounts} JSON per model and drift window;</li>
 *   <li>{@link #VERDICTS}: each model's verdict on an entity window, key {@link #entityWindowKey}, at the
 *   entity window's start; {@link #LABELS}: the label of an entity window, same key;</li>
 *   <li>{@link #MODELS}: {@link ModelState} JSON per model; {@link #DOMAINS}: {@link DomainState} JSON per
 *   domain; {@link #VERSIONS}: production order per model and the production versions' Avro bytes.</li>
 * </ul>
 */
public final class DriftStores {
    public static final String SKETCHES = "drift-sketches";
    public static final String COUNTS = "drift-counts";
    public static final String VERDICTS = "drift-verdicts";
    public static final String LABELS = "drift-labels";
    public static final String MODELS = "drift-models";
    public static final String DOMAINS = "drift-domains";
    public static final String VERSIONS = "drift-versions";

    private DriftStores() {
    }

    public static String featureKey(String domain, String feature) {
        return "f|" + domain + "|" + feature;
    }

    public static String scoreKey(String model) {
        return "s|" + model;
    }

    public static String entityWindowKey(String entity, long windowStartMillis) {
        return entity + "|" + windowStartMillis;
    }

    /** Every store name, for attaching them to each processor. */
    public static String[] names() {
        return new String[] {SKETCHES, COUNTS, VERDICTS, LABELS, MODELS, DOMAINS, VERSIONS};
    }

    public static List<StoreBuilder<?>> builders(DriftSettings settings) {
        Duration retention = settings.retention();
        Duration window = settings.window();
        return List.of(
                SketchWindows.builder(SKETCHES, retention, window),
                windowStore(COUNTS, retention, window),
                // Entity windows are shorter than drift windows; the drift window is a safe upper bound.
                windowStore(VERDICTS, retention, window),
                windowStore(LABELS, retention, window),
                keyValueStore(MODELS),
                keyValueStore(DOMAINS),
                keyValueStore(VERSIONS));
    }

    private static StoreBuilder<WindowStore<String, byte[]>> windowStore(String name, Duration retention, Duration size) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, size, false),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> keyValueStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }
}
