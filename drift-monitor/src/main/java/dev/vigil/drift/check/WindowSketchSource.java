package dev.vigil.drift.check;

import dev.vigil.sketches.Sketch;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The stored window sketches a reference is built from, per store key (a domain's feature, or a model's
 * score) and window start: the app's window store, or an in-memory map in benchmarks.
 */
public interface WindowSketchSource {

    /** The sketch of one window, empty when nothing was stored. */
    Optional<Sketch> sketch(String key, long windowStart);

    /** Non-empty window sketches with starts in [fromStart, toStart], by window start. */
    SortedMap<Long, Sketch> windowSketches(String key, long fromStart, long toStart);

    /** The merge of the window sketches with starts in [fromStart, toStart]. */
    default Sketch mergedSketch(String key, long fromStart, long toStart) {
        return Sketch.mergeAll(windowSketches(key, fromStart, toStart).values());
    }
}
