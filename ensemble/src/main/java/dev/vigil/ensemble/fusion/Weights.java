package dev.vigil.ensemble.fusion;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Detector weights of a domain: configured ({@code vigil.ensemble.weight.<domain>.<detector>}, then
 * {@code vigil.ensemble.weight.<detector>}, then 1), or learned from labels once the domain has at least
 * {@code minLabels} labelled windows, {@code minPerClass} of them anomalous and as many normal, and learning is on.
 * Learned weights replace configured ones only when at least one is positive; a detector never seen in a labelled
 * window keeps its configured weight.
 *
 * <p>Both classes are needed because a detector's weight measures its hits on anomalous windows and its quiet on normal
 * ones: where only anomalies are labelled (analysts often label what they investigated), every detector's quiet rate is
 * unknown and the weights would favour whichever detector flags the most, up to one that flags everything.
 */
public final class Weights {
    private final Map<String, Double> configured;
    private final boolean learn;
    private final long minLabels;
    private final long minPerClass;

    /** Configured weights keyed by {@code <detector>} or {@code <domain>.<detector>}. */
    public Weights(Map<String, Double> configured, boolean learn, long minLabels, long minPerClass) {
        this.configured = Map.copyOf(configured);
        this.learn = learn;
        this.minLabels = minLabels;
        this.minPerClass = minPerClass;
    }

    public double configured(String domain, String detector) {
        Double specific = configured.get(domain + "." + detector);
        return specific != null ? specific : configured.getOrDefault(detector, 1.0);
    }

    /** Whether the tallies are used instead of configured weights. */
    public boolean learned(DetectorTallies tallies) {
        return learn && tallies.labelledWindows() >= minLabels
                && tallies.anomalousWindows() >= minPerClass && tallies.normalWindows() >= minPerClass
                && tallies.learnedWeights().values().stream().anyMatch(w -> w > 0);
    }

    public ToDoubleFunction<String> forDomain(String domain, DetectorTallies tallies) {
        if (!learned(tallies)) {
            return detector -> configured(domain, detector);
        }
        Map<String, Double> learnedWeights = tallies.learnedWeights();
        return detector -> learnedWeights.getOrDefault(detector, configured(domain, detector));
    }
}
