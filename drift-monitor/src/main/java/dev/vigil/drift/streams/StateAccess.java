package dev.vigil.drift.streams;

import dev.vigil.avro.ModelVersion;
import dev.vigil.drift.DriftSettings;
import dev.vigil.drift.state.DomainState;
import dev.vigil.drift.state.DriftStores;
import dev.vigil.kit.state.StateJson;
import dev.vigil.drift.state.ModelState;
import dev.vigil.drift.state.SketchWindows;
import dev.vigil.drift.state.StoredServing;
import dev.vigil.drift.state.WindowCounts;
import dev.vigil.registry.ServingState;
import dev.vigil.sketches.Sketch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Typed reads and writes of the monitor's stores, shared by its processors (one instance per processor). */
final class StateAccess implements dev.vigil.drift.check.WindowSketchSource {
    private final DriftSettings settings;
    private final SketchWindows sketches;
    private final Map<String, DecodedDomain> decodedDomains = new HashMap<>();
    private final WindowStore<String, byte[]> counts;
    private final WindowStore<String, byte[]> verdicts;
    private final WindowStore<String, byte[]> labels;
    private final KeyValueStore<String, byte[]> models;
    private final KeyValueStore<String, byte[]> domains;
    private final KeyValueStore<String, byte[]> versions;

    StateAccess(ProcessingContext context, DriftSettings settings) {
        this.settings = settings;
        this.sketches = context.getStateStore(DriftStores.SKETCHES);
        this.counts = context.getStateStore(DriftStores.COUNTS);
        this.verdicts = context.getStateStore(DriftStores.VERDICTS);
        this.labels = context.getStateStore(DriftStores.LABELS);
        this.models = context.getStateStore(DriftStores.MODELS);
        this.domains = context.getStateStore(DriftStores.DOMAINS);
        this.versions = context.getStateStore(DriftStores.VERSIONS);
    }

    DriftSettings settings() {
        return settings;
    }

    // --- sketches: one t-digest per key and drift window

    /** Adds values to the sketch of a key in a window (written to the store before the next commit). */
    void addToSketch(String key, long windowStart, double... values) {
        sketches.add(key, windowStart, values);
    }

    @Override
    public Optional<Sketch> sketch(String key, long windowStart) {
        return sketches.get(key, windowStart);
    }

    /** The merge of a key's window sketches with starts in [fromStart, toStart]: a longer horizon. */
    @Override
    public Sketch mergedSketch(String key, long fromStart, long toStart) {
        return Sketch.mergeAll(sketches.range(key, fromStart, toStart).values());
    }

    /** A key's non-empty window sketches with starts in [fromStart, toStart], by window start. */
    @Override
    public java.util.SortedMap<Long, Sketch> windowSketches(String key, long fromStart, long toStart) {
        java.util.SortedMap<Long, Sketch> out = sketches.range(key, fromStart, toStart);
        out.values().removeIf(Sketch::isEmpty);
        return out;
    }

    // --- counts per model and drift window

    /** A model's counts per window with starts in [fromStart, toStart], in time order. */
    List<WindowCounts> countsPerWindow(String model, long fromStart, long toStart) {
        List<WindowCounts> out = new ArrayList<>();
        if (fromStart > toStart) {
            return out;
        }
        try (WindowStoreIterator<byte[]> it = counts.fetch(model, fromStart, toStart)) {
            it.forEachRemaining(kv -> out.add(StateJson.read(kv.value, WindowCounts.class)));
        }
        return out;
    }

    WindowCounts counts(String model, long windowStart) {
        byte[] stored = counts.fetch(model, windowStart);
        return stored == null ? WindowCounts.EMPTY : StateJson.read(stored, WindowCounts.class);
    }

    void putCounts(String model, long windowStart, WindowCounts value) {
        counts.put(model, StateJson.writeBytes(value), windowStart);
    }

    /** Sum of a model's counts over windows with starts in [fromStart, toStart]. */
    WindowCounts countsOver(String model, long fromStart, long toStart) {
        WindowCounts sum = WindowCounts.EMPTY;
        try (WindowStoreIterator<byte[]> it = counts.fetch(model, fromStart, toStart)) {
            while (it.hasNext()) {
                sum = sum.plus(StateJson.read(it.next().value, WindowCounts.class));
            }
        }
        return sum;
    }

    // --- verdicts and labels per entity window

    EntityVerdicts verdicts(String entity, long entityWindowStart) {
        byte[] stored = verdicts.fetch(DriftStores.entityWindowKey(entity, entityWindowStart), entityWindowStart);
        return stored == null ? EntityVerdicts.empty() : StateJson.read(stored, EntityVerdicts.class);
    }

    void putVerdicts(String entity, long entityWindowStart, EntityVerdicts value) {
        verdicts.put(DriftStores.entityWindowKey(entity, entityWindowStart), StateJson.writeBytes(value), entityWindowStart);
    }

    /** The label of an entity window: true anomalous, false normal, empty when unlabelled. */
    Optional<Boolean> label(String entity, long entityWindowStart) {
        byte[] stored = labels.fetch(DriftStores.entityWindowKey(entity, entityWindowStart), entityWindowStart);
        return stored == null ? Optional.empty() : Optional.of(stored[0] == 1);
    }

    void putLabel(String entity, long entityWindowStart, boolean anomalous) {
        labels.put(DriftStores.entityWindowKey(entity, entityWindowStart), new byte[] {(byte) (anomalous ? 1 : 0)},
                entityWindowStart);
    }

    // --- per-domain and per-model state

    /**
     * A domain's state. Every feature vector and score reads it; the decoded state is kept with the exact stored
     * array it came from, and decoded again only when the store returns another array (a write by any processor, or
     * the record cache evicting it), so a read between two writes costs no JSON parsing.
     */
    DomainState domain(String domain) {
        byte[] stored = domains.get(domain);
        if (stored == null) {
            return DomainState.empty();
        }
        DecodedDomain last = decodedDomains.get(domain);
        if (last != null && last.bytes() == stored) {
            return last.state();
        }
        DomainState state = StateJson.read(stored, DomainState.class);
        decodedDomains.put(domain, new DecodedDomain(stored, state));
        return state;
    }

    private record DecodedDomain(byte[] bytes, DomainState state) {
    }

    /** Writes a domain's state; pass the state read before to skip the write when nothing changed. */
    void putDomain(String domain, DomainState state) {
        domains.put(domain, StateJson.writeBytes(state));
    }

    /**
     * True when a record for this window comes after the window was due for its check: it is still stored,
     * but the check did not see it. Counted, so an operator can see when the grace is too short.
     */
    boolean isLate(DomainState domain, long windowStart) {
        long size = settings.window().toMillis();
        return domain.hasData() && windowStart + size + settings.grace().toMillis() <= domain.watermark();
    }

    void putDomainIfChanged(String domain, DomainState before, DomainState after) {
        if (!after.equals(before)) {
            putDomain(domain, after);
        }
    }

    Optional<ModelState> model(String model) {
        return Optional.ofNullable(models.get(model)).map(b -> StateJson.read(b, ModelState.class));
    }

    void putModel(ModelState state) {
        models.put(state.model(), StateJson.writeBytes(state));
    }

    /**
     * Records that a model belongs to a domain, creating its state on first sight. A model that appears
     * while its domain's data is already flowing starts with the given window, not with the domain's
     * first one: its history before it existed is not worth a burst of checks.
     */
    void registerModel(String model, String domain, Long firstWindowStart) {
        DomainState d = domain(domain);
        DomainState registered = d.withModel(model);
        if (registered != d) {
            putDomain(domain, registered);
        }
        if (model(model).isEmpty()) {
            putModel(ModelState.initial(model, domain).withNextWindowStart(firstWindowStart));
        }
    }

    // --- serving versions: each model's ServingState, and the records of the versions that may serve

    ServingState serving(String model) {
        byte[] stored = versions.get(model);
        return stored == null ? ServingState.EMPTY : StoredServing.decode(stored);
    }

    void putServing(String model, ServingState state) {
        versions.put(model, StoredServing.encode(state));
    }

    /** The record of the version that serves, by the serving rule: its training sketches are the reference. */
    Optional<ModelVersion> servingVersion(String model) {
        return serving(model).serving().flatMap(v -> versionRecord(model, v));
    }

    Optional<ModelVersion> versionRecord(String model, int version) {
        byte[] stored = versions.get(model + "/" + version);
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelVersion.fromByteBuffer(ByteBuffer.wrap(stored)));
        } catch (IOException e) {
            throw new UncheckedIOException("Stored model version " + model + "/" + version + " is unreadable", e);
        }
    }

    void putVersionRecord(ModelVersion record) {
        try {
            ByteBuffer buffer = record.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            versions.put(record.getName() + "/" + record.getVersion(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode model version " + record.getName(), e);
        }
    }

    void deleteVersionRecord(String model, int version) {
        versions.delete(model + "/" + version);
    }
}
