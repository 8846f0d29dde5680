package dev.vigil.ensemble.fusion;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Detector weights of a domain: configured ({@code vigil.ensemble.weight.<domain>.<detector>}, then
 * {@code vigil.ensemble.weight.<detector>}, then 1), or learned from labels once learning is on, the domain has at
 * least {@code minLabels} labelled windows, and some detector's record ({@link DetectorTallies}, kept per model version)
 * holds {@code minPerClass} anomalous windows and as many normal ones with a positive weight: such a record is
 * <em>proven</em>. Then each detector whose serving version has a proven record weighs its learned weight, and every
 * other one (a version too new to have been judged, or a detector never labelled) the mean of those: an average
 * detector until its own record says otherwise. Learned and configured weights are never mixed, since their scales differ.
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
                && tallies.provenWeights(minPerClass).values().stream().anyMatch(w -> w > 0);
    }

    /** The weights of a domain whatever versions serve it. */
    public ToDoubleFunction<String> forDomain(String domain, DetectorTallies tallies) {
        return forDomain(domain, tallies, Map.of());
    }

    /**
     * The weights for one window: {@code servingVersions} maps a detector to the model version that scored the window,
     * whose own record alone earns a learned weight.
     */
    public ToDoubleFunction<String> forDomain(String domain, DetectorTallies tallies, Map<String, Integer> servingVersions) {
        if (!learned(tallies)) {
            return detector -> configured(domain, detector);
        }
        Map<String, Double> proven = new TreeMap<>(tallies.provenWeights(minPerClass));
        proven.keySet().removeIf(d -> servingVersions.containsKey(d)
                && servingVersions.get(d) != tallies.byDetector().get(d).version());
        if (proven.isEmpty()) {
            return detector -> configured(domain, detector);
        }
        double average = proven.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return detector -> proven.getOrDefault(detector, average);
    }
}
