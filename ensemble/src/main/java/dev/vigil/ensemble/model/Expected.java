package dev.vigil.ensemble.model;

import java.util.Set;

/**
 * Detectors a window waits for: the domain's production detectors and, when a staging version is scored
 * in shadow, its challenger detectors. Empty champions means the ensemble does not know the domain's
 * detectors and every window of it is emitted when the wait runs out.
 */
public record Expected(Set<String> champions, Set<String> challengers) {
    public static final Expected UNKNOWN = new Expected(Set.of(), Set.of());

    public Expected {
        champions = Set.copyOf(champions);
        challengers = Set.copyOf(challengers);
    }

    public boolean known() {
        return !champions.isEmpty();
    }
}
