package dev.vigil.ensemble.model;

import dev.vigil.avro.ModelVersion;
import dev.vigil.registry.RefusalReport;
import dev.vigil.registry.ServingState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which detectors serve each domain, learned from {@code model.versions} (in offset order) and the refusal
 * reports on {@code model.versions.dlq}, by the registry's serving rule ({@link ServingState}), so the ensemble
 * waits for exactly the models the detectors score with. A model is a champion while some version of it
 * serves, a challenger while a version of it is shadowed.
 *
 * <p>Thread-safe: the global-store thread writes, stream threads read.
 */
public final class ActiveModels {
    /** Where a model's scores come from: its domain and detector, from its latest record. */
    private record Source(String domain, String detector) {
    }

    private final Map<String, ServingState> states = new HashMap<>();
    private final Map<String, Source> sources = new HashMap<>();
    private volatile Map<String, Expected> byDomain = Map.of();

    public synchronized void announced(ModelVersion record) {
        states.put(record.getName(), state(record.getName()).announced(record));
        sources.put(record.getName(), new Source(record.getDomain(), record.getAlgorithm()));
        refresh();
    }

    /** A tombstone: the version's record was deleted from the registry. */
    public synchronized void deleted(String model, int version) {
        states.put(model, state(model).deleted(version));
        refresh();
    }

    public synchronized void refused(RefusalReport report) {
        states.put(report.model(), state(report.model()).refused(report.version()));
        refresh();
    }

    /** The production and staging detectors of a domain; {@link Expected#UNKNOWN} when none is announced. */
    public Expected forDomain(String domain) {
        return byDomain.getOrDefault(domain, Expected.UNKNOWN);
    }

    /** The version of a model that serves, if any. */
    public synchronized Optional<Integer> serving(String model) {
        return state(model).serving();
    }

    private ServingState state(String model) {
        return states.getOrDefault(model, ServingState.EMPTY);
    }

    private void refresh() {
        Map<String, Set<String>> champions = new HashMap<>();
        Map<String, Set<String>> challengers = new HashMap<>();
        states.forEach((model, state) -> {
            Source source = sources.get(model);
            if (source != null && state.serving().isPresent()) {
                champions.computeIfAbsent(source.domain(), d -> new TreeSet<>()).add(source.detector());
            }
            if (source != null && state.shadow().isPresent()) {
                challengers.computeIfAbsent(source.domain(), d -> new TreeSet<>()).add(source.detector());
            }
        });
        Map<String, Expected> next = new ConcurrentHashMap<>();
        champions.forEach((domain, detectors) -> next.put(domain,
                new Expected(detectors, challengers.getOrDefault(domain, Set.of()))));
        byDomain = next;
    }
}
