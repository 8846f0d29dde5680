package dev.vigil.ensemble.model;

import java.util.List;

/**
 * Everything the detectors said about one entity window, as gathered by the fusion stage.
 *
 * @param champion production readings (at most one per detector)
 * @param challenger shadow readings of staging models (at most one per detector); they never raise alerts
 * @param missing active production detectors that had not reported when the wait ran out, sorted
 */
public record WindowScores(String entity, String domain, long windowStart, long windowEnd, List<Reading> champion,
                           List<Reading> challenger, List<String> missing) {
    public WindowScores {
        champion = champion == null ? List.of() : List.copyOf(champion);
        challenger = challenger == null ? List.of() : List.copyOf(challenger);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    public boolean hasChallenger() {
        return !challenger.isEmpty();
    }

    /**
     * The readings the challenger would have used: the champion's, with each detector that has a
     * challenger version replaced by it.
     */
    public List<Reading> challengerView() {
        java.util.Map<String, Reading> byDetector = new java.util.TreeMap<>();
        champion.forEach(r -> byDetector.put(r.detector(), r));
        challenger.forEach(r -> byDetector.put(r.detector(), r));
        return List.copyOf(byDetector.values());
    }
}
