package dev.vigil.ensemble.fusion;

import dev.vigil.ensemble.model.Expected;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The readings gathered so far for one entity window.
 *
 * @param firstSeenWall wall-clock time the first reading arrived, for the wall-clock wait
 */
public record WindowGroup(String entity, String domain, long windowStart, long windowEnd, Map<String, Reading> champion,
                          Map<String, Reading> challenger, long firstSeenWall) {
    public WindowGroup {
        champion = Map.copyOf(champion);
        challenger = Map.copyOf(challenger);
    }

    public static WindowGroup start(String entity, String domain, long windowStart, long windowEnd, long nowWall) {
        return new WindowGroup(entity, domain, windowStart, windowEnd, Map.of(), Map.of(), nowWall);
    }

    /** With one more reading; a detector that reports twice keeps its latest reading. */
    public WindowGroup with(Reading reading) {
        Map<String, Reading> target = new TreeMap<>(reading.shadow() ? challenger : champion);
        target.put(reading.detector(), reading);
        return reading.shadow()
                ? new WindowGroup(entity, domain, windowStart, windowEnd, champion, target, firstSeenWall)
                : new WindowGroup(entity, domain, windowStart, windowEnd, target, challenger, firstSeenWall);
    }

    /** Every expected champion and challenger detector has reported. */
    public boolean completeFor(Expected expected) {
        return expected.known() && champion.keySet().containsAll(expected.champions())
                && challenger.keySet().containsAll(expected.challengers());
    }

    /** The gathered window, naming the expected production detectors that did not report. */
    public WindowScores toScores(Expected expected) {
        TreeSet<String> missing = new TreeSet<>(expected.champions());
        missing.removeAll(champion.keySet());
        return new WindowScores(entity, domain, windowStart, windowEnd, List.copyOf(new TreeMap<>(champion).values()),
                List.copyOf(new TreeMap<>(challenger).values()), List.copyOf(missing));
    }
}
