package dev.vigil.registry;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry's state, built by applying {@code model.versions} records in offset order. A model's
 * production version is the one most recently announced as PRODUCTION that has not since moved to another
 * stage; the same rule gives its staging (shadow) version. No Kafka types: detectors, CLI and tests share it.
 */
public final class ModelCatalog {
    private final Map<String, TreeMap<Integer, ModelVersion>> byModel = new TreeMap<>();
    /** Announcement order per model and stage: the last entry still in that stage wins. */
    private final Map<String, List<Integer>> productionOrder = new TreeMap<>();
    private final Map<String, List<Integer>> stagingOrder = new TreeMap<>();
    private final List<Unreadable> unreadable = new ArrayList<>();
    private final Map<String, String> refusals = new TreeMap<>();

    /** Notes that a serving app refused a version (its report on the versions topic's dead-letter topic). */
    public synchronized void refused(String model, int version, String reason) {
        refusals.put(ModelKeys.version(model, version), reason);
    }

    /** Why a version was refused by a serving app, if it was. */
    public synchronized Optional<String> refusal(String model, int version) {
        return Optional.ofNullable(refusals.get(ModelKeys.version(model, version)));
    }

    /** A record of the versions topic that could not be decoded and was left out. */
    public record Unreadable(int partition, long offset, String key, String reason) {
    }

    /** Notes a record that was left out because it does not decode. */
    public synchronized void skip(Unreadable record) {
        unreadable.add(record);
    }

    public synchronized List<Unreadable> unreadable() {
        return List.copyOf(unreadable);
    }

    public synchronized void apply(ModelVersion record) {
        String model = record.getName();
        byModel.computeIfAbsent(model, m -> new TreeMap<>()).put(record.getVersion(), record);
        remember(productionOrder, model, record, ModelStage.PRODUCTION);
        remember(stagingOrder, model, record, ModelStage.STAGING);
    }

    private static void remember(Map<String, List<Integer>> order, String model, ModelVersion record, ModelStage stage) {
        List<Integer> versions = order.computeIfAbsent(model, m -> new ArrayList<>());
        if (record.getStage() == stage) {
            versions.remove(Integer.valueOf(record.getVersion()));
            versions.add(record.getVersion());
        }
    }

    public synchronized Optional<ModelVersion> production(String model) {
        return current(productionOrder, model, ModelStage.PRODUCTION);
    }

    public synchronized Optional<ModelVersion> staging(String model) {
        return current(stagingOrder, model, ModelStage.STAGING);
    }

    private Optional<ModelVersion> current(Map<String, List<Integer>> order, String model, ModelStage stage) {
        List<Integer> versions = order.getOrDefault(model, List.of());
        TreeMap<Integer, ModelVersion> all = byModel.getOrDefault(model, new TreeMap<>());
        for (int i = versions.size() - 1; i >= 0; i--) {
            ModelVersion v = all.get(versions.get(i));
            if (v != null && v.getStage() == stage) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public synchronized Optional<ModelVersion> version(String model, int version) {
        return Optional.ofNullable(byModel.getOrDefault(model, new TreeMap<>()).get(version));
    }

    public synchronized List<ModelVersion> versions(String model) {
        return List.copyOf(byModel.getOrDefault(model, new TreeMap<>()).values());
    }

    /** The highest version number registered for a model, or 0. */
    public synchronized int latestVersionNumber(String model) {
        TreeMap<Integer, ModelVersion> all = byModel.get(model);
        return all == null || all.isEmpty() ? 0 : all.lastKey();
    }

    public synchronized Collection<String> models() {
        return new TreeSet<>(byModel.keySet());
    }

    /** Models of a domain that have a production version. */
    public synchronized List<ModelVersion> productionModels(String domain) {
        return byModel.keySet().stream().filter(m -> ModelKeys.domainOf(m).equals(domain))
                .map(this::production).flatMap(Optional::stream).toList();
    }

    /** The version that was in production at an instant, from every version's stage history. */
    public synchronized Optional<Integer> productionAt(String model, Instant at) {
        Integer best = null;
        Instant bestTime = Instant.MIN;
        for (ModelVersion v : byModel.getOrDefault(model, new TreeMap<>()).values()) {
            for (StageChange change : v.getStageHistory()) {
                if (change.getStage() == ModelStage.PRODUCTION && !change.getAt().isAfter(at) && change.getAt().isAfter(bestTime)
                        && stillProductionAt(v, change.getAt(), at)) {
                    best = v.getVersion();
                    bestTime = change.getAt();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean stillProductionAt(ModelVersion v, Instant since, Instant at) {
        return v.getStageHistory().stream().noneMatch(c -> c.getStage() != ModelStage.PRODUCTION
                && c.getAt().isAfter(since) && !c.getAt().isAfter(at));
    }
}
