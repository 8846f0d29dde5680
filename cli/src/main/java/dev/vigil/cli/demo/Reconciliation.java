package dev.vigil.cli.demo;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records accounted for stage by stage, by entity and window: what went in, what came out, what was set aside (late
 * records, dead letters), and what is missing or counted twice. Nothing is clamped: more out than in shows as
 * duplicates, and a stage that set aside more than it lost shows a negative missing count, so neither fault can hide
 * behind the other.
 */
public final class Reconciliation {
    /**
     * One stage, in its own unit (raw events, or feature vectors). {@code stillProcessing} is what the stage's app had
     * not yet committed of its input when the count was taken; while it is above zero, missing records may still come.
     */
    public record Stage(String name, String unit, long in, long out, long late, long deadLetters, long missing, long duplicated,
                        long stillProcessing) {
        /** True when every record that went in came out once or was set aside with a reason. */
        public boolean balanced() {
            return missing == 0 && duplicated == 0;
        }
    }

    /** An entity's window: the key every stage is reconciled by. */
    record WindowKey(String entity, long windowStart) {
    }

    /** Raw events sent, per entity and window, as the feed counted them. */
    public static final class EventLedger {
        private final Map<WindowKey, Long> sent = new HashMap<>();

        public synchronized void add(String entity, Instant timestamp, Duration window) {
            long w = window.toMillis();
            sent.merge(new WindowKey(entity, Math.floorDiv(timestamp.toEpochMilli(), w) * w), 1L, Long::sum);
        }

        synchronized Map<WindowKey, Long> snapshot() {
            return Map.copyOf(sent);
        }
    }

    private Reconciliation() {
    }

    /**
     * Raw events against the event counts of the feature vectors of the entities the feed named. Per entity and window,
     * a shortfall is events missing and a surplus is events counted twice; late records and dead letters of the raw
     * topics are set aside with a reason and so account for part of the shortfall.
     */
    static Stage events(EventLedger ledger, List<FeatureVector> features, long late, long deadLetters, long stillProcessing) {
        Map<WindowKey, Long> sent = ledger.snapshot();
        Map<WindowKey, Long> counted = new HashMap<>();
        for (FeatureVector f : features) {
            WindowKey key = new WindowKey(f.getEntity(), f.getWindowStart().toEpochMilli());
            if (sent.containsKey(key)) {
                counted.merge(key, f.getEventCount(), Long::sum);
            }
        }
        long in = 0;
        long out = 0;
        long shortfall = 0;
        long surplus = 0;
        for (var e : sent.entrySet()) {
            long got = counted.getOrDefault(e.getKey(), 0L);
            in += e.getValue();
            out += got;
            shortfall += Math.max(0, e.getValue() - got);
            surplus += Math.max(0, got - e.getValue());
        }
        return new Stage("raw events -> feature vectors", "events", in, out, late, deadLetters, shortfall - late - deadLetters, surplus,
                stillProcessing);
    }

    /**
     * Feature vectors against production scores: each vector must be scored (or passed on unscored) once per detector.
     * Missing: vectors without any production score, less the feature topics' dead letters. Duplicated: a vector written
     * twice for the same entity and window, or a detector's score written twice for it.
     */
    static Stage scoring(List<FeatureVector> features, List<DetectorScore> scores, long deadLetters, long stillProcessing) {
        Set<String> vectors = new HashSet<>();
        long duplicated = 0;
        for (FeatureVector f : features) {
            duplicated += vectors.add(vectorKey(f.getDomain(), f.getEntity(), f.getWindowStart())) ? 0 : 1;
        }
        Set<String> scored = new HashSet<>();
        Set<String> detectorScores = new HashSet<>();
        for (DetectorScore s : scores) {
            if (s.getShadow()) {
                continue;
            }
            String key = vectorKey(s.getDomain(), s.getEntity(), s.getWindowStart());
            scored.add(key);
            duplicated += detectorScores.add(key + "|" + s.getDetector()) ? 0 : 1;
        }
        long out = vectors.stream().filter(scored::contains).count();
        return new Stage("feature vectors -> scores", "vectors", features.size(), out, 0, deadLetters,
                vectors.size() - out - deadLetters, duplicated, stillProcessing);
    }

    private static String vectorKey(String domain, String entity, Instant windowStart) {
        return domain + "|" + entity + "|" + windowStart.toEpochMilli();
    }

    /** Missing records over the stages (negative when stages set aside more than they lost). */
    static long missing(List<Stage> stages) {
        return stages.stream().mapToLong(Stage::missing).sum();
    }

    static long duplicated(List<Stage> stages) {
        return stages.stream().mapToLong(Stage::duplicated).sum();
    }
}
