package dev.vigil.drift.check;

import dev.vigil.drift.DriftSettings;
import dev.vigil.drift.DriftSettings.ReferenceMode;
import dev.vigil.sketches.DesignEffect;
import dev.vigil.sketches.Sketch;
import dev.vigil.sketches.SpreadReference;
import dev.vigil.sketches.WindowSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * References merged from the stored window sketches, with the design effect of their values.
 *
 * <ul>
 *   <li><b>rolling</b>: the windows of the rolling span before the checked one. A 7-day span of hourly
 *   windows would decode 168 sketches per feature at every check; instead whole blocks of windows (a day, or
 *   the window itself when it is longer) are merged once and kept as sketch bytes, so a check decodes about 7
 *   blocks plus the windows at the range's ragged end. Blocks lie entirely before the checked window and are
 *   closed, so they no longer change (records later than the grace are not counted anywhere). Design effect:
 *   the spread of all its windows' means ({@link DesignEffect#between}), seasonal swing included, since the
 *   reference mixes every phase; none (so no decision) until the history covers one seasonal period, or the
 *   whole rolling span when that is shorter.</li>
 *   <li><b>seasonal</b>: the windows one, two, ... seasonal periods before the checked one (same hour of the
 *   previous days, or weeks), within the rolling span. Design effect: the spread among those windows once
 *   there are {@link DesignEffect#MIN_WINDOWS} of them; before that the larger of the spread of all recent
 *   windows and their short-term wander ({@link DesignEffect#successive}), a conservative bound.</li>
 * </ul>
 * Each window's count, mean and variance is kept in memory once read. Memory only; rebuilt after a restart.
 * No Kafka types: the app reads its window store through {@link WindowSketchSource}, benchmarks a map.
 */
public final class ReferenceWindows {
    private static final long DAY = 24L * 3600 * 1000;

    /** A merged reference and what is known of its sampling error. */
    public record Reference(Sketch sketch, SketchPair.Reference kind, double designEffect, SpreadReference spread,
                            int windows) {
    }

    private final WindowSketchSource state;
    private final DriftSettings settings;
    private final long window;
    private final long block;
    private final long span;
    /** Merged block sketch bytes per store key and block start. */
    private final Map<String, TreeMap<Long, byte[]>> blocks = new HashMap<>();
    /** Summary of every window read, per store key and window start. */
    private final Map<String, TreeMap<Long, WindowSummary>> summaries = new HashMap<>();
    /** Per store key, the range of window starts whose summaries were read: {first, last}. */
    private final Map<String, long[]> summarised = new HashMap<>();

    public ReferenceWindows(WindowSketchSource state, DriftSettings settings) {
        this.state = state;
        this.settings = settings;
        this.window = settings.window().toMillis();
        this.block = window * Math.max(1, (DAY + window - 1) / window);
        this.span = settings.rollingBaseline().toMillis();
    }

    /** Earliest window start a reference of the window at {@code windowStart} may use, given a floor. */
    public long earliest(long windowStart, Long floor) {
        long from = windowStart - span;
        return floor == null ? from : Math.max(from, floor);
    }

    /** The merge of a key's windows that start in [from, windowStart - window]. */
    public Reference rolling(String key, long windowStart, long from) {
        long to = windowStart - window;
        SortedMap<Long, WindowSummary> windows = summaryMap(key, from, to);
        // Until the history covers one seasonal period (or the whole rolling span, when shorter), the reference
        // has not seen the data's rhythm: an hour unlike the few hours before it may just be another time of day.
        boolean coversRhythm = !windows.isEmpty()
                && windowStart - windows.firstKey() >= Math.min(settings.seasonalPeriod().toMillis(), span);
        List<WindowSummary> summaries = List.copyOf(windows.values());
        double deff = coversRhythm ? DesignEffect.between(summaries) : Double.NaN;
        SpreadReference spread = coversRhythm ? DesignEffect.spreadBetween(summaries) : SpreadReference.NONE;
        return new Reference(merged(key, from, to), SketchPair.Reference.ROLLING, deff, spread, windows.size());
    }

    /** The merge of a key's windows at windowStart - k period (k = 1, 2, ...) that start at or after from. */
    public Reference seasonal(String key, long windowStart, long from, long period) {
        List<Sketch> parts = new ArrayList<>();
        List<WindowSummary> same = new ArrayList<>();
        for (long s = windowStart - period; s >= from; s -= period) {
            state.sketch(key, s).filter(sk -> !sk.isEmpty()).ifPresent(sk -> {
                parts.add(sk);
                same.add(WindowSummary.of(sk));
            });
        }
        double between = DesignEffect.between(same);
        // The same-phase windows' own spread when there are enough of them. Before that nothing measures how
        // much the same hour differs from day to day (on real BGP data far more than hour to hour), so the
        // spread of all recent windows bounds it, seasonal swing included: conservative until a few periods
        // have been seen.
        double deff = between;
        SpreadReference spread = DesignEffect.spreadBetween(same);
        if (Double.isNaN(deff)) {
            List<WindowSummary> recent = summaries(key, from, windowStart - window);
            double all = DesignEffect.between(recent);
            double wander = DesignEffect.successive(recent);
            deff = Double.isNaN(all) ? wander : Double.isNaN(wander) ? all : Math.max(all, wander);
            spread = noisier(DesignEffect.spreadBetween(recent), DesignEffect.spreadSuccessive(recent));
        }
        return new Reference(Sketch.mergeAll(parts), SketchPair.Reference.SEASONAL, deff, spread, parts.size());
    }

    /** Of two estimates of the spread's noise, the more conservative one (either, when only one is known). */
    private static SpreadReference noisier(SpreadReference a, SpreadReference b) {
        if (!a.known()) {
            return b;
        }
        return !b.known() || a.designEffect() >= b.designEffect() ? a : b;
    }

    /**
     * Seasonal or not for one check: fixed by the mode, or for {@code auto} true when one of the first keys
     * with data has at least {@code seasonal.min.periods} same-phase windows since {@code from}.
     */
    public boolean seasonal(ReferenceMode mode, List<String> keys, long windowStart, long from) {
        return switch (mode) {
            case SEASONAL -> true;
            case ROLLING, TRAINING -> false;
            case AUTO -> keys.stream().limit(8)
                    .map(k -> seasonal(k, windowStart, from, settings.seasonalPeriod().toMillis()).windows())
                    .anyMatch(w -> w >= settings.seasonalMinPeriods());
        };
    }

    /** A key's window and its stored-window reference (seasonal or rolling) since {@code from}. */
    public SketchPair pair(String name, String key, long windowStart, long from, boolean seasonal) {
        Sketch window = state.sketch(key, windowStart).orElseGet(Sketch::new);
        Reference r = seasonal ? seasonal(key, windowStart, from, settings.seasonalPeriod().toMillis())
                : rolling(key, windowStart, from);
        return new SketchPair(name, window, r.sketch(), r.kind(), r.designEffect(), r.spread(), r.windows());
    }

    /** The reference of a check in words, for its report. */
    public String describe(ReferenceMode mode, SketchPair first, long featuresFrom, boolean floored, SketchPair score,
                           long scoreFrom) {
        String kind = switch (first.reference()) {
            case TRAINING -> "the production version's training sketches";
            case SEASONAL -> String.format("seasonal: the windows at the same phase of %s (%d of them) since %s",
                    settings.seasonalPeriod(), first.referenceWindows(), java.time.Instant.ofEpochMilli(featuresFrom));
            case ROLLING -> String.format("rolling: the %d windows since %s", first.referenceWindows(),
                    java.time.Instant.ofEpochMilli(featuresFrom));
        };
        StringBuilder out = new StringBuilder("reference (" + mode.name().toLowerCase(java.util.Locale.ROOT) + "): " + kind);
        if (floored) {
            out.append("; windows before the drift the production version was trained after are left out");
        }
        if (score != null) {
            out.append(String.format("; score compared with windows of the production version since %s (%d windows)",
                    java.time.Instant.ofEpochMilli(scoreFrom), score.referenceWindows()));
        }
        return out.toString();
    }

    /** Short-term design effect of a key's recent windows, for a training reference; NaN when too few. */
    public double wander(String key, long windowStart, long from) {
        return DesignEffect.successive(summaries(key, from, windowStart - window));
    }

    private Sketch merged(String key, long from, long to) {
        List<Sketch> parts = new ArrayList<>();
        TreeMap<Long, byte[]> cached = blocks.computeIfAbsent(key, k -> new TreeMap<>());
        cached.headMap(Math.floorDiv(from, block) * block).clear();
        long firstBlock = Math.floorDiv(from + block - 1, block) * block;
        long cursor = from;
        for (long b = firstBlock; b + block - window <= to; b += block) {
            if (cursor < b) {
                parts.add(state.mergedSketch(key, cursor, b - window));
            }
            long blockStart = b;
            byte[] merged = cached.computeIfAbsent(blockStart,
                    s -> state.mergedSketch(key, s, s + block - window).toBytes());
            parts.add(Sketch.fromBytes(merged));
            cursor = b + block;
        }
        if (cursor <= to) {
            parts.add(state.mergedSketch(key, cursor, to));
        }
        return Sketch.mergeAll(parts);
    }

    /** Summaries of a key's non-empty windows that start in [from, to], in time order; each read once. */
    private List<WindowSummary> summaries(String key, long from, long to) {
        return List.copyOf(summaryMap(key, from, to).values());
    }

    private SortedMap<Long, WindowSummary> summaryMap(String key, long from, long to) {
        if (from > to) {
            return new TreeMap<>();
        }
        TreeMap<Long, WindowSummary> known = summaries.computeIfAbsent(key, k -> new TreeMap<>());
        long[] range = summarised.get(key);
        if (range == null || to < range[0] || from > range[1] + window) {
            known.clear();
            read(key, from, to, known);
            range = new long[] {from, to};
        } else {
            if (from < range[0]) {
                read(key, from, range[0] - window, known);
                range[0] = from;
            }
            if (to > range[1]) {
                read(key, range[1] + window, to, known);
                range[1] = to;
            }
        }
        summarised.put(key, range);
        return new TreeMap<>(known.subMap(from, true, to, true));
    }

    private void read(String key, long from, long to, TreeMap<Long, WindowSummary> into) {
        state.windowSketches(key, from, to).forEach((start, sketch) -> into.put(start, WindowSummary.of(sketch)));
    }
}
