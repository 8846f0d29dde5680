package dev.vigil.ensemble.model;

import java.util.Map;
import java.util.Set;

/**
 * Which detectors a domain's windows wait for: what the registry ({@code model.versions}) says is in
 * production, or, for a domain the registry has not announced, the configured list
 * ({@code vigil.ensemble.detectors.<domain>}).
 */
public final class ExpectedDetectors {
    private final ActiveModels models;
    private final Map<String, Set<String>> configured;

    public ExpectedDetectors(ActiveModels models, Map<String, Set<String>> configured) {
        this.models = models;
        this.configured = Map.copyOf(configured);
    }

    public Expected forDomain(String domain) {
        Expected announced = models.forDomain(domain);
        if (announced.known()) {
            return announced;
        }
        Set<String> fallback = configured.get(domain);
        return fallback == null ? Expected.UNKNOWN : new Expected(fallback, Set.of());
    }
}
