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
 * The registry's state, built by applying {@code model.versions} records in offset order, and the refusals the
 * serving apps reported. Which version is in production, serves and is staged comes from each model's
 * {@link ServingState}, the one rule every app uses. No Kafka types: detectors, CLI and tests share it.
 */
public final class ModelCatalog {
    private final Map<String, TreeMap<Integer, ModelVersion>> byModel = new TreeMap<>();
    private final Map<String, ServingState> states = new TreeMap<>();
    /** Highest version number ever read per model, kept through tombstones so a number is never reused. */
    private final Map<String, Integer> highestVersion = new TreeMap<>();
    private final List<Unreadable> unreadable = new ArrayList<>();
    private final Map<String, String> refusals = new TreeMap<>();

    /** A catalog of version records in offset order and the refusal reports read next to them. */
    public static ModelCatalog of(List<ModelVersion> recordsInOffsetOrder, List<RefusalReport> refusals) {
        ModelCatalog catalog = new ModelCatalog();
        recordsInOffsetOrder.forEach(catalog::apply);
        refusals.forEach(catalog::refused);
        return catalog;
    }

    /** Notes that a serving app refused a version (its report on the versions topic's dead-letter topic). */
    public synchronized void refused(String model, int version, String reason) {
        refusals.put(ModelKeys.version(model, version), reason);
        states.put(model, state(model).refused(version));
    }

    public void refused(RefusalReport report) {
        refused(report.model(), report.version(), report.summary());
    }

    /** Why a version was refused by a serving app, if it was. */
    public synchronized Optional<String> refusal(String model, int version) {
        return Optional.ofNullable(refusals.get(ModelKeys.version(model, version)));
    }

    /** A record of the versions topic that could not be decoded and was left out. */
    public record Unreadable(String topic, int partition, long offset, String key, String reason) {
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
        states.put(model, state(model).announced(record));
        highestVersion.merge(model, record.getVersion(), Math::max);
    }

    /** A tombstone: the version's record was deleted from the registry. */
    public synchronized void deleted(String model, int version) {
        TreeMap<Integer, ModelVersion> versions = byModel.get(model);
        if (versions != null && versions.remove(version) != null) {
            states.put(model, state(model).deleted(version));
            if (versions.isEmpty()) {
                byModel.remove(model);
            }
        }
    }

    /** A model's versions as the serving rule sees them. */
    public synchronized ServingState state(String model) {
        return states.getOrDefault(model, ServingState.EMPTY);
    }

    /** The version announced as production (which may have been refused: see {@link #serving}). */
    public synchronized Optional<ModelVersion> production(String model) {
        return record(model, state(model).production());
    }

    /** The version that serves: production unless refused, else the one that served before. */
    public synchronized Optional<ModelVersion> serving(String model) {
        return record(model, state(model).serving());
    }

    public synchronized Optional<ModelVersion> staging(String model) {
        return record(model, state(model).staging());
    }

    /** The version scored in shadow: staging unless refused. */
    public synchronized Optional<ModelVersion> shadow(String model) {
        return record(model, state(model).shadow());
    }

    private Optional<ModelVersion> record(String model, Optional<Integer> version) {
        return version.flatMap(v -> version(model, v));
    }

    public synchronized Optional<ModelVersion> version(String model, int version) {
        return Optional.ofNullable(byModel.getOrDefault(model, new TreeMap<>()).get(version));
    }

    public synchronized List<ModelVersion> versions(String model) {
        return List.copyOf(byModel.getOrDefault(model, new TreeMap<>()).values());
    }

    /** The highest version number registered for a model, or 0; a deleted version still counts. */
    public synchronized int latestVersionNumber(String model) {
        return highestVersion.getOrDefault(model, 0);
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
