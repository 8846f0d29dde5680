package dev.vigil.detectors;

import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelVersion;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the registry (version records and artifact chunks, in the order they are read) and keeps every
 * model's serving versions equal to what the serving rule ({@link dev.vigil.registry.ServingState}) names
 * for production and shadow. A version that fails its checks is refused: the catalog learns it, so the rule
 * names the version that served before it (never retrying the refused one), which is what the other apps
 * conclude from the refusal report. A version whose chunks have not all arrived waits while the version
 * already serving keeps serving. One exception to following the rule: when the rule names no production
 * version at all (the serving version's record was deleted and none is left to fall back to), the loaded
 * model keeps serving rather than leaving the detector dark until a restart. No Kafka types: the
 * global-store processors feed it.
 */
public final class ModelReloader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelReloader.class);
    /** Loaded versions kept per model, so promoting a shadow version or rolling back needs no reload. */
    private static final int LOADED_PER_MODEL = 4;
    private static final int MAX_QUEUED_REPORTS = 1000;

    private final ServingModels serving;
    private final CanarySet canaries;
    private final ModelLoader loader;
    private final ReloadListener listener;
    private final Clock clock;
    private final boolean shadowEnabled;
    private final ModelCatalog catalog = new ModelCatalog();
    private final Map<String, TreeMap<Integer, ModelArtifact>> chunks = new HashMap<>();
    private final Map<String, Instant> waitingSince = new HashMap<>();
    private final Map<String, LinkedHashMap<String, ServingModel>> loaded = new HashMap<>();
    private final ConcurrentLinkedQueue<Refusal> reports = new ConcurrentLinkedQueue<>();
    private boolean active;

    public ModelReloader(ServingModels serving, CanarySet canaries, ModelLoader loader, ReloadListener listener, Clock clock,
                         boolean shadowEnabled) {
        this.serving = serving;
        this.canaries = canaries;
        this.loader = loader;
        this.listener = listener;
        this.clock = clock;
        this.shadowEnabled = shadowEnabled;
    }

    public synchronized void onVersion(ModelVersion version) {
        catalog.apply(version);
        listener.announced(version.getName());
        if (active) {
            reconcile(version.getName());
        }
    }

    /** A tombstone: the version's record was deleted, so the rule no longer counts it. */
    public synchronized void onVersionDeleted(String model, int version) {
        catalog.deleted(model, version);
        if (active) {
            reconcile(model);
        }
    }

    /**
     * Starts loading: until now records were only collected. The stream tasks call this when they start,
     * which Streams does only after the global stores have been replayed, so a restart loads each model's
     * final production and staging versions once instead of every version the topics ever announced
     * (and does not refuse an old corrupt version again).
     */
    public synchronized void activate() {
        if (active) {
            return;
        }
        active = true;
        for (String model : catalog.models()) {
            reconcile(model);
        }
    }

    public synchronized void onChunk(ModelArtifact chunk) {
        chunks.computeIfAbsent(ModelKeys.version(chunk.getName(), chunk.getVersion()), k -> new TreeMap<>())
                .put(chunk.getChunkIndex(), chunk);
        if (active && waitingSince.containsKey(chunk.getName())) {
            reconcile(chunk.getName());
        }
    }

    /** A compacted-away chunk (tombstone): forget its bytes. */
    public synchronized void onChunkDeleted(String model, int version, int chunkIndex) {
        TreeMap<Integer, ModelArtifact> parts = chunks.get(ModelKeys.version(model, version));
        if (parts != null) {
            parts.remove(chunkIndex);
        }
    }

    /** Refuses versions whose chunks have been missing for longer than {@code maxWait}; called periodically. */
    public synchronized void expireWaiting(Duration maxWait) {
        Instant limit = clock.instant().minus(maxWait);
        for (String model : List.copyOf(waitingSince.keySet())) {
            if (waitingSince.get(model).isBefore(limit)) {
                waitingSince.remove(model);
                reconcile(model, true);
            }
        }
    }

    /** Refusals not yet reported, oldest first; each is handed out once. */
    public List<Refusal> drainRefusals() {
        List<Refusal> out = new ArrayList<>();
        for (Refusal r = reports.poll(); r != null; r = reports.poll()) {
            out.add(r);
        }
        return out;
    }

    /** Queues a refusal for reporting again: its report was lost with an aborted transaction. */
    public void reportAgain(Refusal refusal) {
        if (reports.size() < MAX_QUEUED_REPORTS) {
            reports.add(refusal);
        }
    }

    public synchronized ModelCatalog catalog() {
        return catalog;
    }

    public ServingModels serving() {
        return serving;
    }

    /** The version a role should hold, by the serving rule; no shadow when shadow scoring is switched off. */
    private Optional<ModelVersion> target(String model, ModelSlot.Stage stage) {
        if (stage == ModelSlot.Stage.PRODUCTION) {
            return catalog.serving(model);
        }
        return shadowEnabled ? catalog.shadow(model) : Optional.empty();
    }

    private void reconcile(String model) {
        reconcile(model, false);
    }

    /** Brings both roles of a model to their targets; {@code giveUp} loads (or refuses) versions still waiting. */
    private void reconcile(String model, boolean giveUp) {
        boolean waiting = reconcileStage(model, ModelSlot.Stage.PRODUCTION, giveUp);
        waiting |= reconcileStage(model, ModelSlot.Stage.SHADOW, giveUp);
        if (waiting) {
            waitingSince.putIfAbsent(model, clock.instant());
        } else {
            waitingSince.remove(model);
        }
    }

    /** Brings one role of a model to its target version; true when it must wait for more chunks. */
    private boolean reconcileStage(String model, ModelSlot.Stage stage, boolean giveUp) {
        Optional<ModelVersion> target = target(model, stage);
        if (target.isEmpty()) {
            if (stage == ModelSlot.Stage.SHADOW) {
                endShadow(model);
            }
            return false;
        }
        ModelVersion version = target.get();
        ModelSlot slot = serving.slot(model);
        AtomicReference<ServingModel> role = slot.reference(stage);
        ServingModel current = role.get();
        if (current != null && current.sameArtifact(model, version.getVersion(), version.getArtifactSha256())) {
            return false;
        }
        String id = id(version);
        ServingModel next = loaded.getOrDefault(model, new LinkedHashMap<>()).get(id);
        if (next == null) {
            List<ModelArtifact> parts = List.copyOf(chunks.getOrDefault(ModelKeys.version(model, version.getVersion()),
                    new TreeMap<>()).values());
            if (parts.size() < Math.max(1, version.getArtifactChunks()) && !giveUp) {
                LOG.debug("{} v{} announced for {}: waiting for artifact chunks ({} of {} read)", model, version.getVersion(),
                        stage.tag(), parts.size(), version.getArtifactChunks());
                return true;
            }
            try {
                next = loader.load(version, parts, canaries.rowsFor(slot.domain(), version));
            } catch (ModelRefusedException e) {
                refuse(version, stage, e, current);
                // The rule now names another version (or none); that one gets its own wait for chunks.
                return reconcileStage(model, stage, false);
            }
            remember(model, id, next);
        }
        role.set(next);
        listener.swapped(slot, stage, current, next);
        return false;
    }

    private void endShadow(String model) {
        for (ModelSlot slot : serving.all()) {
            if (slot.name().equals(model)) {
                ServingModel previous = slot.reference(ModelSlot.Stage.SHADOW).getAndSet(null);
                if (previous != null) {
                    listener.shadowEnded(slot, previous);
                }
            }
        }
    }

    private void refuse(ModelVersion version, ModelSlot.Stage stage, ModelRefusedException e, ServingModel current) {
        catalog.refused(version.getName(), version.getVersion(), e.getMessage());
        Refusal refusal = new Refusal(version.getName(), version.getVersion(), stage, e.reason(), e.getMessage(),
                current == null ? null : current.version(), clock.instant());
        if (reports.size() < MAX_QUEUED_REPORTS) {
            reports.add(refusal);
        }
        listener.refused(refusal);
    }

    private void remember(String model, String id, ServingModel next) {
        LinkedHashMap<String, ServingModel> recent = loaded.computeIfAbsent(model, m -> new LinkedHashMap<>());
        recent.put(id, next);
        while (recent.size() > LOADED_PER_MODEL) {
            recent.remove(recent.keySet().iterator().next());
        }
    }

    private static String id(ModelVersion version) {
        return ModelKeys.version(version.getName(), version.getVersion()) + "/" + version.getArtifactSha256().toLowerCase();
    }
}
