package dev.vigil.ensemble.fusion;

import dev.vigil.ensemble.model.Clocks;
import dev.vigil.ensemble.model.Expected;
import dev.vigil.ensemble.model.ExpectedDetectors;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.ensemble.state.Journal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The wait rule: groups readings by entity and window and releases a window as soon as every expected
 * detector has reported, or once the wait has passed (on event time, wall-clock time or both), naming the
 * production detectors that were missing. A reading for a window already released is late: it is counted
 * and dropped, so downstream sees each entity window once.
 *
 * <p>State (in the journal): {@code g|<entity>|<start>} pending groups, {@code x|<start>|<entity>}
 * markers of released windows (kept for the late horizon of event time), {@code clock} the largest window end seen.
 */
public final class WindowAssembler {
    /** What became of one reading. */
    public enum Kind { PENDING, COMPLETE, LATE, UNSCORED }

    /** The reading's fate and every window released while handling it (its own, or others whose wait ran out). */
    public record Result(Kind kind, List<WindowScores> released) {
    }

    /** When a released window's marker was written. */
    public record Released(long windowEnd, long releasedWall) {
    }

    private static final String GROUP = "g|";
    private static final String RELEASED = "x|";
    private static final String CLOCK = "clock";

    private final Journal journal;
    private final ExpectedDetectors expected;
    private final long waitMillis;
    private final long lateHorizonMillis;
    private final Clocks clocks;

    public WindowAssembler(Journal journal, ExpectedDetectors expected, Duration wait, Duration lateHorizon, Clocks clocks) {
        this.journal = journal;
        this.expected = expected;
        this.waitMillis = wait.toMillis();
        this.lateHorizonMillis = Math.max(lateHorizon.toMillis(), wait.toMillis());
        this.clocks = clocks;
    }

    /** Adds one reading; a null reading stands for an UNSCORED record, which only moves the event clock. */
    public Result add(String entity, String domain, long windowStart, long windowEnd, Reading reading, long nowWall) {
        boolean clockMoved = advanceClock(windowEnd);
        List<WindowScores> released = new ArrayList<>();
        Kind kind = reading == null ? Kind.UNSCORED : addReading(entity, domain, windowStart, windowEnd, reading, nowWall, released);
        if (clockMoved) {
            released.addAll(expire(nowWall));
        }
        return new Result(kind, released);
    }

    private Kind addReading(String entity, String domain, long windowStart, long windowEnd, Reading reading, long nowWall,
                            List<WindowScores> released) {
        String suffix = entity + "|" + Journal.time(windowStart);
        WindowGroup group = journal.get(GROUP + suffix, WindowGroup.class);
        if (group == null) {
            if (journal.get(releasedKey(windowStart, entity), Released.class) != null) {
                return Kind.LATE;
            }
            group = WindowGroup.start(entity, domain, windowStart, windowEnd, nowWall);
        }
        group = group.with(reading);
        Expected exp = expected.forDomain(domain);
        if (!group.completeFor(exp)) {
            journal.put(GROUP + suffix, group);
            return Kind.PENDING;
        }
        released.add(release(suffix, group, exp, nowWall));
        return Kind.COMPLETE;
    }

    /** Releases every window whose wait has passed, and forgets release markers past the late horizon. */
    public List<WindowScores> expire(long nowWall) {
        long clock = clock();
        List<WindowScores> released = new ArrayList<>();
        for (var entry : journal.scan(GROUP, WindowGroup.class)) {
            WindowGroup g = entry.value();
            if (clocks.passed(clock, g.windowEnd() + waitMillis, nowWall, g.firstSeenWall() + waitMillis)) {
                released.add(release(entry.key().substring(GROUP.length()), g, expected.forDomain(g.domain()), nowWall));
            }
        }
        // Markers are ordered by window start, so forgetting stops at the first one still within the horizon.
        journal.deleteWhile(RELEASED, Released.class, r -> r.windowEnd() + lateHorizonMillis <= clock);
        return released;
    }

    private WindowScores release(String suffix, WindowGroup group, Expected exp, long nowWall) {
        journal.delete(GROUP + suffix);
        journal.put(releasedKey(group.windowStart(), group.entity()), new Released(group.windowEnd(), nowWall));
        return group.toScores(exp);
    }

    private static String releasedKey(long windowStart, String entity) {
        return RELEASED + Journal.time(windowStart) + "|" + entity;
    }

    /** Windows still waiting for readings. */
    public int pending() {
        return journal.keys(GROUP).size();
    }

    public long clock() {
        Long clock = journal.get(CLOCK, Long.class);
        return clock == null ? Long.MIN_VALUE : clock;
    }

    private boolean advanceClock(long windowEnd) {
        if (windowEnd <= clock()) {
            return false;
        }
        journal.put(CLOCK, windowEnd);
        return true;
    }
}
