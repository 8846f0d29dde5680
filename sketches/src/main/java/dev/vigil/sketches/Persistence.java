package dev.vigil.sketches;

import java.util.List;

/**
 * The state of a {@link PersistenceTracker} after one window.
 *
 * @param consecutiveWindows windows in a row at or above the confirming severity, this one included
 * @param confirmed true when that run is long enough to act on
 * @param reasons the state in words
 */
public record Persistence(int consecutiveWindows, boolean confirmed, List<String> reasons) {

    public Persistence {
        reasons = List.copyOf(reasons);
    }
}
