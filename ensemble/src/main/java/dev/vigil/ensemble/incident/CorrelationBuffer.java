package dev.vigil.ensemble.incident;

import dev.vigil.ensemble.fusion.Fused;
import dev.vigil.ensemble.model.Clocks;
import dev.vigil.ensemble.state.Journal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds a domain's anomalous windows per window start for the correlation hold, so that the entities
 * anomalous in the same window are judged together (correlation, minimum affected peers) before any alert.
 * A window is due once the hold has passed after its end (event time) or after its first arrival (wall
 * clock). Entities of a window already judged are remembered for a while, so that a late arrival is judged
 * with them.
 *
 * <p>State: {@code f|<domain>|<start>} held windows, {@code p|<domain>|<start>|<entity>} their members,
 * {@code d|<domain>|<start>} entities of judged windows.
 */
public final class CorrelationBuffer {
    /** A held window. */
    public record Held(long windowEnd, long firstArrivalWall) {
    }

    /** Entities already judged in a window. */
    public record Judged(long windowEnd, List<String> entities) {
    }

    /** A due window: its new members and the entities judged in it before. */
    public record Window(String domain, long windowStart, long windowEnd, List<Fused> members, List<String> earlier) {
        public List<String> allEntities() {
            TreeSet<String> all = new TreeSet<>(earlier);
            members.forEach(m -> all.add(m.entity()));
            return List.copyOf(all);
        }
    }

    private final Journal journal;
    private final long holdMillis;
    private final long memoryMillis;
    private final Clocks clocks;

    /** {@code memory}: how long after its end a judged window's entities are remembered for late arrivals. */
    public CorrelationBuffer(Journal journal, Duration hold, Duration memory, Clocks clocks) {
        this.journal = journal;
        this.holdMillis = hold.toMillis();
        this.memoryMillis = Math.max(memory.toMillis(), hold.toMillis());
        this.clocks = clocks;
    }

    public void add(Fused window, long nowWall) {
        String suffix = window.domain() + "|" + Journal.time(window.windowStart());
        if (journal.get("f|" + suffix, Held.class) == null) {
            journal.put("f|" + suffix, new Held(window.windowEnd(), nowWall));
        }
        journal.put("p|" + suffix + "|" + window.entity(), window);
    }

    /** Removes and returns the domain's windows whose hold has passed, oldest first, marking them judged. */
    public List<Window> due(String domain, long eventClock, long nowWall) {
        List<Window> out = new ArrayList<>();
        for (var held : journal.scan("f|" + domain + "|", Held.class)) {
            Held h = held.value();
            if (!clocks.passed(eventClock, h.windowEnd() + holdMillis, nowWall, h.firstArrivalWall() + holdMillis)) {
                continue;
            }
            String suffix = held.key().substring(2);
            long start = Journal.time(suffix.substring(domain.length() + 1));
            List<Fused> members = new ArrayList<>();
            for (var member : journal.scan("p|" + suffix + "|", Fused.class)) {
                members.add(member.value());
                journal.delete(member.key());
            }
            journal.delete(held.key());
            Judged judged = journal.get("d|" + suffix, Judged.class);
            Window window = new Window(domain, start, h.windowEnd(), members, judged == null ? List.of() : judged.entities());
            journal.put("d|" + suffix, new Judged(h.windowEnd(), window.allEntities()));
            out.add(window);
        }
        return out;
    }

    /** Entities of the domain's judged windows that start at or after {@code fromStart}. */
    public Set<String> entitiesJudgedSince(String domain, long fromStart) {
        Set<String> out = new TreeSet<>();
        String prefix = "d|" + domain + "|";
        for (var judged : journal.scan(prefix, Judged.class)) {
            if (Journal.time(judged.key().substring(prefix.length())) >= fromStart) {
                out.addAll(judged.value().entities());
            }
        }
        return out;
    }

    /** Forgets judged windows older than the memory. */
    public void forget(String domain, long eventClock) {
        journal.deleteWhile("d|" + domain + "|", Judged.class, judged -> judged.windowEnd() + memoryMillis <= eventClock);
    }
}
