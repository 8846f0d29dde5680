package dev.vigil.ensemble.fusion;

import dev.vigil.ensemble.model.Reading;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each detector's own verdict agreed with analysts' labels in one domain.
 *
 * @param labelledWindows labelled windows counted
 * @param byDetector agreement per detector type
 */
public record DetectorTallies(long labelledWindows, Map<String, Tally> byDetector) {
    /** Verdicts that matched and did not match the label. */
    public record Tally(long correct, long wrong) {
        public long total() {
            return correct + wrong;
        }

        /** Laplace-smoothed accuracy, so a detector with few labels stays near one half. */
        public double smoothedAccuracy() {
            return (correct + 1.0) / (total() + 2.0);
        }
    }

    public static final DetectorTallies EMPTY = new DetectorTallies(0, Map.of());

    public DetectorTallies {
        byDetector = Map.copyOf(byDetector);
    }

    /** With one more labelled window whose champion readings are given. */
    public DetectorTallies learn(List<Reading> readings, boolean anomalous) {
        Map<String, Tally> next = new TreeMap<>(byDetector);
        for (Reading r : readings) {
            Tally t = next.getOrDefault(r.detector(), new Tally(0, 0));
            next.put(r.detector(), r.anomalous() == anomalous ? new Tally(t.correct() + 1, t.wrong()) : new Tally(t.correct(), t.wrong() + 1));
        }
        return new DetectorTallies(labelledWindows + 1, next);
    }

    /**
     * Weights from the tallies: the log-odds of each detector's smoothed accuracy, log(p / (1 - p)), which
     * is the optimal weight of independent voters in a weighted majority vote (Nitzan and Paroush, 1982);
     * a detector no better than a coin gets weight 0.
     */
    public Map<String, Double> learnedWeights() {
        Map<String, Double> out = new TreeMap<>();
        byDetector.forEach((detector, t) -> {
            double p = t.smoothedAccuracy();
            out.put(detector, Math.max(0.0, Math.log(p / (1 - p))));
        });
        return out;
    }
}
