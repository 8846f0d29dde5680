package dev.vigil.ensemble.model;

import dev.vigil.avro.ModelStage;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's view of which model versions serve each domain, learned from {@code model.versions}.
 *
 * <p>Per model name, the production version is the PRODUCTION record that entered production last (time
 * of its latest PRODUCTION stage change, then version number), so announcing an older version as
 * production again is a rollback; a model whose every version left production is no longer active. The
 * rule depends only on the records, not on the order they are read in, so a restart that rebuilds the
 * view from the global store agrees with the running view.
 *
 * <p>Thread-safe: the global-store thread writes, stream threads read.
 */
public final class ActiveModels {
    /** One version's latest record, reduced to what the ensemble needs. */
    public record Announcement(String name, int version, String domain, String detector, ModelStage stage,
                               long productionSince) {
    }

    private final Map<String, Map<Integer, Announcement>> byModel = new HashMap<>();
    private volatile Map<String, Expected> byDomain = Map.of();

    public synchronized void observe(Announcement announcement) {
        byModel.computeIfAbsent(announcement.name(), n -> new HashMap<>()).put(announcement.version(), announcement);
        refresh();
    }

    /** A tombstone: the version's record was deleted from the registry. */
    public synchronized void forget(String name, int version) {
        Map<Integer, Announcement> versions = byModel.get(name);
        if (versions != null && versions.remove(version) != null) {
            refresh();
        }
    }

    public synchronized void clear() {
        byModel.clear();
        refresh();
    }

    /** The production and staging detectors of a domain; {@link Expected#UNKNOWN} when none is announced. */
    public Expected forDomain(String domain) {
        return byDomain.getOrDefault(domain, Expected.UNKNOWN);
    }

    /** The production version of a model, if any. */
    public synchronized Optional<Announcement> production(String name) {
        return production(byModel.getOrDefault(name, Map.of()));
    }

    private static Optional<Announcement> production(Map<Integer, Announcement> versions) {
        return versions.values().stream().filter(a -> a.stage() == ModelStage.PRODUCTION)
                .max(Comparator.comparingLong(Announcement::productionSince).thenComparingInt(Announcement::version));
    }

    private void refresh() {
        Map<String, Set<String>> champions = new HashMap<>();
        Map<String, Set<String>> challengers = new HashMap<>();
        for (Map<Integer, Announcement> versions : byModel.values()) {
            production(versions).ifPresent(a -> champions.computeIfAbsent(a.domain(), d -> new TreeSet<>()).add(a.detector()));
            versions.values().stream().filter(a -> a.stage() == ModelStage.STAGING)
                    .forEach(a -> challengers.computeIfAbsent(a.domain(), d -> new TreeSet<>()).add(a.detector()));
        }
        Map<String, Expected> next = new ConcurrentHashMap<>();
        champions.forEach((domain, detectors) -> next.put(domain,
                new Expected(detectors, challengers.getOrDefault(domain, Set.of()))));
        byDomain = next;
    }
}
