package dev.vigil.ensemble;

import dev.vigil.avro.Alert;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ensemble's meters (on /metrics as {@code vigil_ensemble_*}). One instance per topology, shared by
 * its tasks, so each meter is registered once.
 */
public final class EnsembleMetrics {
    static final String FUSED = "vigil.ensemble.fused";
    static final String ALERTS = "vigil.ensemble.alerts";
    private final MeterRegistry registry;
    private final Map<String, Double> weights = new ConcurrentHashMap<>();

    /** Registers the fused and alert counters of every domain at zero, so a rule's increase() sees their first event. */
    public EnsembleMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String domain : dev.vigil.schemas.Entities.DOMAINS) {
            for (boolean flag : new boolean[] {false, true}) {
                registry.counter(FUSED, "domain", domain, "anomalous", Boolean.toString(flag));
                for (dev.vigil.avro.AlertStatus status : dev.vigil.avro.AlertStatus.values()) {
                    registry.counter(ALERTS, "domain", domain, "status", status.name(), "correlated", Boolean.toString(flag));
                }
            }
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A detector score read: scored, shadow, unscored or late. */
    public void score(String kind, String domain) {
        registry.counter("vigil.ensemble.scores", "kind", kind, "domain", domain).increment();
    }

    /** An entity window released by the wait rule, complete or with detectors missing. */
    public void released(String domain, boolean complete) {
        registry.counter("vigil.ensemble.windows", "domain", domain, "complete", Boolean.toString(complete)).increment();
    }

    public void fused(String domain, boolean anomalous) {
        registry.counter(FUSED, "domain", domain, "anomalous", Boolean.toString(anomalous)).increment();
    }

    public void alert(Alert alert) {
        registry.counter(ALERTS, "domain", alert.getDomain(), "status", alert.getStatus().name(),
                "correlated", Boolean.toString(alert.getCorrelated())).increment();
    }

    /** An anomalous window that raised nothing: ignored, cooldown, min-peers, or folded into a correlated incident. */
    public void suppressed(String domain, String reason) {
        registry.counter("vigil.ensemble.suppressed", "domain", domain, "reason", reason).increment();
    }

    /** A window of a trial arm, and whether that arm's verdict was anomalous. */
    public void variantWindow(String domain, String variant, boolean anomalous) {
        registry.counter("vigil.ensemble.variant.windows", "domain", domain, "variant", variant).increment();
        if (anomalous) {
            registry.counter("vigil.ensemble.variant.anomalous", "domain", domain, "variant", variant).increment();
        }
    }

    /** A labelled window of a trial arm, judged against its arm's verdict. */
    public void variantLabelled(String domain, String variant, boolean correct) {
        registry.counter("vigil.ensemble.variant.labelled", "domain", domain, "variant", variant,
                "correct", Boolean.toString(correct)).increment();
    }

    /** A label: matched to its window now, or held until the window arrives. */
    public void label(String domain, boolean matched) {
        registry.counter("vigil.ensemble.labels", "domain", domain, "matched", Boolean.toString(matched)).increment();
    }

    public void trialDecided(String domain, String winner) {
        registry.counter("vigil.ensemble.trials.decided", "domain", domain, "winner", winner).increment();
    }

    public void promotionRequested(String domain) {
        registry.counter("vigil.ensemble.promotions", "domain", domain).increment();
    }

    /** The weight in use for a detector of a domain. */
    public void weight(String domain, String detector, double value) {
        String key = domain + "|" + detector;
        if (weights.put(key, value) == null) {
            Gauge.builder("vigil.ensemble.weight", weights, w -> w.getOrDefault(key, Double.NaN))
                    .tags("domain", domain, "detector", detector).register(registry);
        }
    }

    public double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counters();
        return c.stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }
}
