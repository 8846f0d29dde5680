package dev.vigil.ensemble.incident;

import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.Severity;
import dev.vigil.ensemble.fusion.Fused;
import dev.vigil.ensemble.fusion.Severities;
import dev.vigil.ensemble.model.Clocks;
import dev.vigil.ensemble.model.Deviation;
import dev.vigil.ensemble.state.Journal;
import dev.vigil.models.fusion.Confirmation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns anomalous windows into incidents: a window within the quiet period of an open incident's last
 * window updates it (UPDATED, same id); an open incident with no anomalous window for the quiet period is
 * CLOSED; after a close, the key is in cooldown until its last window end plus quiet period plus cooldown,
 * and anomalous windows in that time raise nothing unless their severity reaches the bypass severity. A new
 * incident opens only once the domain's {@link Confirmation} holds (by default the first anomalous window; BGP peers
 * wait for 3 anomalous minutes among 5): until then its windows are suppressed as unconfirmed. Quiet period,
 * cooldown and confirmation can differ per domain ({@link DomainRules}). A domain's correlated incident that would open
 * while one of its entities has an open incident of its own grows out of that one instead (the earliest, if several):
 * same alert id and first window, now UPDATED as the correlated incident, so an event that reached one entity first
 * and then the others is one incident, not two.
 *
 * <p>State: {@code i|<domain>|<key>}, the latest incident of each key (closed ones kept a day past their cooldown), and
 * {@code u|<domain>|<key>}, the recent anomalous windows of a key not yet confirmed.
 */
public final class IncidentTracker {
    /** The rules' parameters. */
    public record Settings(Duration quiet, Duration cooldown, Severity cooldownBypass, Clocks clocks,
                           Map<String, DomainRules> byDomain) {
        /** Every domain with the same quiet period and cooldown, opening an incident on its first anomalous window. */
        public Settings(Duration quiet, Duration cooldown, Severity cooldownBypass, Clocks clocks) {
            this(quiet, cooldown, cooldownBypass, clocks, Map.of());
        }

        /** The rules of a domain: its own where configured, else the defaults. */
        public DomainRules rules(String domain) {
            return byDomain.getOrDefault(domain, new DomainRules(Confirmation.FIRST, quiet, cooldown));
        }
    }

    /** How a domain's incidents open (confirmation), continue and close (quiet), and rest (cooldown). */
    public record DomainRules(Confirmation confirmation, Duration quiet, Duration cooldown) {
    }

    /** Anomalous window starts of a key waiting for confirmation, oldest first. */
    public record Pending(long[] starts) {
    }

    /** Incidents to publish (a new one may follow the close of a stale one), or why the window raised nothing. */
    public record Outcome(List<Incident> changed, String suppressedBy) {
        static Outcome suppressed(String reason, List<Incident> changed) {
            return new Outcome(changed, reason);
        }
    }

    /** An anomalous window (or a correlated group's window) to merge under one key. */
    public record Observation(String domain, String key, String entity, Fused latest, List<String> entities, boolean correlated,
                              List<Deviation> topFeatures, double score) {
    }

    /**
     * How long a closed incident is kept after its cooldown ends. The domain clock is the largest window end of any
     * entity, so it passes a cooldown's end while a window of this entity that started before that end is still in the
     * correlation hold or not yet scored: forgotten at once, the incident let that window open a new one (in the demo, the
     * window where a service's traffic came back after a drop, flagged for its jump, alerted again 30 minutes after
     * the drop's own alert). A day, as for unconfirmed windows; state stays one record per key.
     */
    static final Duration KEEP_AFTER_COOLDOWN = Duration.ofDays(1);
    public static final String COOLDOWN = "cooldown";
    public static final String UNCONFIRMED = "unconfirmed";
    private static final String PREFIX = "i|";
    private static final String PENDING = "u|";

    private final Journal journal;
    private final Settings settings;
    private final Severities severities;

    public IncidentTracker(Journal journal, Settings settings, Severities severities) {
        this.journal = journal;
        this.settings = settings;
        this.severities = severities;
    }

    public Outcome observe(Observation o, long nowWall) {
        String storeKey = PREFIX + o.domain() + "|" + o.key();
        Incident previous = journal.get(storeKey, Incident.class);
        List<Incident> changed = new ArrayList<>();
        DomainRules rules = settings.rules(o.domain());
        long quiet = rules.quiet().toMillis();
        if (previous != null && previous.open()) {
            if (o.latest().windowStart() - previous.lastWindowEnd() < quiet) {
                Incident updated = merge(previous, o, nowWall);
                journal.put(storeKey, updated);
                return new Outcome(List.of(updated), null);
            }
            // The close is overdue (no tick ran in between): close it first, then judge the window afresh.
            previous = previous.closed(nowWall);
            journal.put(storeKey, previous);
            changed.add(previous);
        }
        if (previous != null && inCooldown(previous, o, rules)) {
            return Outcome.suppressed(COOLDOWN, changed);
        }
        Incident origin = o.key().equals(Incident.CORRELATED) ? openIncidentOfOne(o, quiet) : null;
        if (origin != null) {
            // The event began as that entity's incident, already alerted (and confirmed): it grows into the correlated one.
            // The entity keeps a closed copy, unpublished, for its cooldown once the correlated incident ends.
            journal.put(PREFIX + o.domain() + "|" + origin.key(), origin.closed(nowWall));
            Incident grown = merge(origin.regrouped(o.key(), o.entity()), o, nowWall);
            journal.put(storeKey, grown);
            changed.add(grown);
            return new Outcome(changed, null);
        }
        if (!confirmed(o, rules.confirmation())) {
            return Outcome.suppressed(UNCONFIRMED, changed);
        }
        Incident opened = new Incident(o.key(), Incident.idOf(o.domain(), o.key(), o.latest().windowStart()), o.domain(),
                o.entity(), AlertStatus.OPEN, o.latest().windowStart(), o.latest().windowEnd(), 1, o.score(), o.latest(),
                sorted(o.entities(), List.of()), o.correlated(), o.topFeatures(), nowWall);
        journal.put(storeKey, opened);
        changed.add(opened);
        return new Outcome(changed, null);
    }

    /**
     * Extends the open incident a window of one of its entities continues (its own, else the domain's correlated one
     * that names it), for a window that meets the detectors' quorum without reaching the threshold
     * ({@link dev.vigil.models.fusion.ScoreFusion#agreed}): such a window keeps an incident going but never opens one.
     * Empty when no open incident continues.
     */
    public List<Incident> sustain(Observation o, long nowWall) {
        for (String key : List.of(o.entity(), Incident.CORRELATED)) {
            String storeKey = PREFIX + o.domain() + "|" + key;
            Incident open = journal.get(storeKey, Incident.class);
            boolean continues = continues(open, o.latest().windowStart(), settings.rules(o.domain()).quiet().toMillis())
                    && open.entities().contains(o.entity());
            if (continues) {
                Incident updated = merge(open, o, nowWall);
                journal.put(storeKey, updated);
                return List.of(updated);
            }
        }
        return List.of();
    }

    /** The earliest incident of one of the observation's entities alone that this window would continue, or null. */
    private Incident openIncidentOfOne(Observation o, long quiet) {
        Incident earliest = null;
        for (String entity : o.entities()) {
            Incident own = journal.get(PREFIX + o.domain() + "|" + entity, Incident.class);
            boolean continues = continues(own, o.latest().windowStart(), quiet);
            if (continues && (earliest == null || own.firstWindowStart() < earliest.firstWindowStart())) {
                earliest = own;
            }
        }
        return earliest;
    }

    private boolean confirmed(Observation o, Confirmation confirmation) {
        if (confirmation.windows() == 1) {
            return true; // the first anomalous window opens it: nothing to remember, no store read
        }
        String key = PENDING + o.domain() + "|" + o.key();
        Pending pending = journal.get(key, Pending.class);
        long[] starts = confirmation.remember(pending == null ? new long[0] : pending.starts(), o.latest().windowStart(),
                o.latest().windowEnd() - o.latest().windowStart());
        if (confirmation.confirmed(starts)) {
            if (pending != null) {
                journal.delete(key);
            }
            return true;
        }
        journal.put(key, new Pending(starts));
        return false;
    }

    private boolean inCooldown(Incident closed, Observation o, DomainRules rules) {
        long until = closed.lastWindowEnd() + rules.quiet().toMillis() + rules.cooldown().toMillis();
        return o.latest().windowStart() < until && severities.of(o.score()).compareTo(settings.cooldownBypass()) < 0;
    }

    private static Incident merge(Incident p, Observation o, long nowWall) {
        return new Incident(p.key(), p.alertId(), p.domain(), p.entity(), AlertStatus.UPDATED,
                Math.min(p.firstWindowStart(), o.latest().windowStart()), Math.max(p.lastWindowEnd(), o.latest().windowEnd()),
                p.windowCount() + 1, Math.max(p.peakScore(), o.score()), o.latest(), sorted(p.entities(), o.entities()),
                p.correlated() || o.correlated(), o.topFeatures(), nowWall);
    }

    private static List<String> sorted(List<String> a, List<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Closes every open incident of the domain whose quiet period has passed. */
    public List<Incident> closeQuiet(String domain, long eventClock, long nowWall) {
        DomainRules rules = settings.rules(domain);
        long quiet = rules.quiet().toMillis();
        long cooldown = rules.cooldown().toMillis();
        long keep = KEEP_AFTER_COOLDOWN.toMillis();
        List<Incident> closed = new ArrayList<>();
        for (var entry : journal.scan(PREFIX + domain + "|", Incident.class)) {
            Incident i = entry.value();
            if (i.open() && settings.clocks().passed(eventClock, i.lastWindowEnd() + quiet, nowWall, i.lastActivityWall() + quiet)) {
                Incident c = i.closed(nowWall);
                journal.put(entry.key(), c);
                closed.add(c);
            } else if (!i.open() && settings.clocks().passed(eventClock, i.lastWindowEnd() + quiet + cooldown + keep,
                    nowWall, i.lastActivityWall() + cooldown + keep)) {
                journal.delete(entry.key());
            }
        }
        // An entity's unconfirmed windows are forgotten a day after its last one, so silent entities leave no state.
        for (var entry : journal.scan(PENDING + domain + "|", Pending.class)) {
            long[] starts = entry.value().starts();
            if (starts.length == 0 || starts[starts.length - 1] < eventClock - Duration.ofDays(1).toMillis()) {
                journal.delete(entry.key());
            }
        }
        return closed;
    }

    /** Whether a window starting at {@code windowStart} would continue the key's open incident (within its quiet period). */
    public boolean continues(String domain, String key, long windowStart) {
        return continues(current(domain, key), windowStart, settings.rules(domain).quiet().toMillis());
    }

    /** Whether the incident is open and a window starting at {@code windowStart} is within its quiet period. */
    private static boolean continues(Incident i, long windowStart, long quiet) {
        return i != null && i.open() && windowStart - i.lastWindowEnd() < quiet;
    }

    /** The current (open or cooling down) incident of a key, or null. */
    public Incident current(String domain, String key) {
        return journal.get(PREFIX + domain + "|" + key, Incident.class);
    }
}
