package dev.vigil.drift.check;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which version of a model is in production, from {@code model.versions} records in offset order: the
 * version most recently announced as PRODUCTION that has not since moved to another stage (so archiving the
 * current version after a rollback falls back to the one before). The same rule as the model registry's
 * catalog, kept here so the monitor's store and {@code vigil status} agree without a dependency on it.
 */
public final class ProductionIndex {
    private final Map<String, List<Integer>> order = new TreeMap<>();
    private final Map<String, Map<Integer, ModelVersion>> records = new TreeMap<>();

    /** Versions of one model still in production, oldest announcement first, after applying a record. */
    public static List<Integer> apply(List<Integer> inProduction, ModelVersion record) {
        List<Integer> next = new ArrayList<>(inProduction);
        next.remove(Integer.valueOf(record.getVersion()));
        if (record.getStage() == ModelStage.PRODUCTION) {
            next.add(record.getVersion());
        }
        return next;
    }

    public static ProductionIndex of(List<ModelVersion> recordsInOffsetOrder) {
        ProductionIndex index = new ProductionIndex();
        recordsInOffsetOrder.forEach(index::add);
        return index;
    }

    public void add(ModelVersion record) {
        String model = record.getName();
        order.put(model, apply(order.getOrDefault(model, List.of()), record));
        records.computeIfAbsent(model, m -> new TreeMap<>()).put(record.getVersion(), record);
    }

    public Optional<ModelVersion> production(String model) {
        List<Integer> versions = order.getOrDefault(model, List.of());
        return versions.isEmpty() ? Optional.empty()
                : Optional.ofNullable(records.get(model).get(versions.getLast()));
    }

    /** Latest record of every version of a model, by version number. */
    public List<ModelVersion> versions(String model) {
        return List.copyOf(records.getOrDefault(model, Map.of()).values());
    }

    public List<String> models() {
        return List.copyOf(records.keySet());
    }
}
