package dev.vigil.detectors;

import dev.vigil.registry.ModelKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every model slot of this instance, grouped by domain. Written by the registry follower (one thread),
 * read by every scoring thread: the per-domain lists are immutable snapshots replaced copy-on-write, and
 * each slot's versions are atomic references, so readers never lock.
 */
public final class ServingModels {
    private final Map<String, ModelSlot> byName = new ConcurrentHashMap<>();
    private volatile Map<String, List<ModelSlot>> byDomain = Map.of();

    /** The slot of a model, created (empty) on first use. */
    public synchronized ModelSlot slot(String modelName) {
        ModelSlot existing = byName.get(modelName);
        if (existing != null) {
            return existing;
        }
        ModelSlot slot = new ModelSlot(modelName, ModelKeys.domainOf(modelName), ModelKeys.detectorOf(modelName));
        byName.put(modelName, slot);
        Map<String, List<ModelSlot>> next = new ConcurrentHashMap<>(byDomain);
        List<ModelSlot> slots = new ArrayList<>(next.getOrDefault(slot.domain(), List.of()));
        slots.add(slot);
        slots.sort(Comparator.comparing(ModelSlot::name));
        next.put(slot.domain(), List.copyOf(slots));
        byDomain = Map.copyOf(next);
        return slot;
    }

    /** Slots of a domain, in model-name order (so a vector's score records come out in a stable order). */
    public List<ModelSlot> slots(String domain) {
        return byDomain.getOrDefault(domain, List.of());
    }

    public List<ModelSlot> all() {
        return byName.values().stream().sorted(Comparator.comparing(ModelSlot::name)).toList();
    }

    /** The longest history any serving model needs, so the history store keeps enough windows. */
    public int longestHistory() {
        int longest = 0;
        for (ModelSlot slot : byName.values()) {
            longest = Math.max(longest, history(slot.production()));
            longest = Math.max(longest, history(slot.shadow()));
        }
        return longest;
    }

    private static int history(ServingModel model) {
        return model == null ? 0 : model.model().historyLength();
    }
}
