package dev.vigil.registry;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The one rule for which version of a model serves, shared by the detectors, ensemble, drift monitor, retrainer
 * and CLI so that they never disagree. Immutable: every change returns a new state.
 *
 * <p>It holds each version's latest announcement on {@code model.versions}, in announcement order (the topic has
 * one partition, so its offset order is the order everyone reads), and the versions a serving app refused.
 * <ul>
 *   <li><b>production</b>: the version most recently announced as PRODUCTION that has not moved to another stage
 *   since. Announcing an older version as PRODUCTION again is a rollback; archiving the production version
 *   falls back to the one announced before it, if that one is still in PRODUCTION.</li>
 *   <li><b>serving</b>: the production version, unless it was refused; then the latest-announced PRODUCTION
 *   version not refused; else the most recently announced version that has been in production and was not
 *   refused. That last step is what the detectors do: a promotion archives the old version just before it
 *   announces the new one, so when the new one is refused, or production is archived with no successor, the
 *   version that served keeps serving rather than leaving the detector dark.</li>
 *   <li><b>staging</b>: the same rule as production, for STAGING; <b>shadow</b> is the staging version unless
 *   it was refused.</li>
 * </ul>
 * Everything here depends only on each version's latest record, their order and the refusals, never on when a
 * record or refusal was learned. Compaction keeps each version's latest record in that order, so a view rebuilt
 * from the compacted topic equals the live one; a refusal applies whether it arrives before or after the
 * announcement. A tombstone removes its version, as compaction eventually will.
 *
 * @param order each announced version once, at the position of its latest announcement, oldest first
 * @param refused versions a serving app refused, whether announced yet or not
 */
public record ServingState(List<Announcement> order, Set<Integer> refused) {
    public static final ServingState EMPTY = new ServingState(List.of(), Set.of());

    /**
     * One version's latest announcement.
     *
     * @param everInProduction whether the version is or has been in production (its stage history says so),
     *     which makes it a version to fall back to
     */
    public record Announcement(int version, ModelStage stage, boolean everInProduction) {
    }

    public ServingState {
        order = List.copyOf(order);
        refused = Collections.unmodifiableSortedSet(new TreeSet<>(refused));
    }

    /** The state after a version record, its latest announcement. */
    public ServingState announced(ModelVersion record) {
        return announced(new Announcement(record.getVersion(), record.getStage(), everInProduction(record)));
    }

    public ServingState announced(Announcement announcement) {
        List<Announcement> next = withoutVersion(announcement.version());
        next.add(announcement);
        return new ServingState(next, refused);
    }

    /** The state after a tombstone: the version's record was deleted from the registry. */
    public ServingState deleted(int version) {
        return new ServingState(withoutVersion(version), refused);
    }

    /** The state after a serving app reported that it refused a version. */
    public ServingState refused(int version) {
        Set<Integer> next = new TreeSet<>(refused);
        next.add(version);
        return new ServingState(order, next);
    }

    public Optional<Integer> production() {
        return latest(a -> a.stage() == ModelStage.PRODUCTION);
    }

    public Optional<Integer> serving() {
        Optional<Integer> inProduction = latest(a -> a.stage() == ModelStage.PRODUCTION && !refused.contains(a.version()));
        return inProduction.isPresent() ? inProduction : latest(a -> a.everInProduction() && !refused.contains(a.version()));
    }

    public Optional<Integer> staging() {
        return latest(a -> a.stage() == ModelStage.STAGING);
    }

    /** The version to score in shadow: the staging version, unless it was refused. */
    public Optional<Integer> shadow() {
        return staging().filter(v -> !refused.contains(v));
    }

    /** Whether a version serves, or would after refusals of others: a follower keeps the records of these. */
    public boolean mayServe(int version) {
        return !refused.contains(version) && order.stream().anyMatch(a -> a.version() == version && a.everInProduction());
    }

    /** True when the record's stage, or any stage it passed through, is PRODUCTION. */
    public static boolean everInProduction(ModelVersion record) {
        return record.getStage() == ModelStage.PRODUCTION
                || record.getStageHistory().stream().map(StageChange::getStage).anyMatch(s -> s == ModelStage.PRODUCTION);
    }

    private Optional<Integer> latest(Predicate<Announcement> which) {
        for (int i = order.size() - 1; i >= 0; i--) {
            if (which.test(order.get(i))) {
                return Optional.of(order.get(i).version());
            }
        }
        return Optional.empty();
    }

    private List<Announcement> withoutVersion(int version) {
        List<Announcement> next = new ArrayList<>(order);
        next.removeIf(a -> a.version() == version);
        return next;
    }
}
