package dev.vigil.drift.streams;

import dev.vigil.drift.DriftSettings;
import dev.vigil.sketches.Sketch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rolling baselines merged from the stored window sketches. A 7-day baseline of hourly windows would decode
 * 168 sketches per feature at every check; instead whole blocks of windows (a day, or the window itself when
 * it is longer) are merged once and kept as sketch bytes, so a check decodes about 7 blocks plus the windows
 * at the range's ragged end. Blocks lie entirely before the checked window and are closed, so they no longer
 * change (records later than the grace are not counted anywhere). Memory only; rebuilt after a restart.
 */
final class RollingBaselines {
    private static final long DAY = 24L * 3600 * 1000;

    private final StateAccess state;
    private final long window;
    private final long block;
    private final long span;
    /** Merged block sketch bytes per store key and block start. */
    private final Map<String, TreeMap<Long, byte[]>> blocks = new HashMap<>();

    RollingBaselines(StateAccess state, DriftSettings settings) {
        this.state = state;
        this.window = settings.window().toMillis();
        this.block = window * Math.max(1, (DAY + window - 1) / window);
        this.span = settings.rollingBaseline().toMillis();
    }

    /** The merge of a key's windows that start in [windowStart - rolling baseline, windowStart - window]. */
    Sketch before(String key, long windowStart) {
        long from = windowStart - span;
        long to = windowStart - window;
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
}
