package dev.vigil.ensemble.fusion;

import dev.vigil.ensemble.model.Reading;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How each detector's own verdicts compared with analysts' labels in one domain, on anomalous and on normal windows.
 * A detector's record is that of one model version: the first labelled window scored by a new version starts a new
 * record, since how an earlier model, trained on other data, agreed with analysts says nothing about its successor (in
 * the demo a first BGP rules model flagged none of 187 anomalous minutes and earned weight 0; its replacement flagged
 * every minute of an outage and, inheriting that record, was outvoted).
 *
 * @param labelledWindows labelled windows counted
 * @param byDetector agreement per detector type, of the version that scored the latest labelled window
 */
public record DetectorTallies(long labelledWindows, Map<String, Tally> byDetector) {
    /**
     * A model version's verdicts against the labels: on anomalous windows (true positives, misses) and on normal ones.
     * Version 0 is a record written before records were kept per version: the next labelled window starts a new one.
     */
    public record Tally(int version, long truePositives, long falseNegatives, long trueNegatives, long falsePositives) {
        public long total() {
            return truePositives + falseNegatives + trueNegatives + falsePositives;
        }

        /** Whether the record holds at least {@code minPerClass} anomalous and as many normal windows. */
        public boolean proven(long minPerClass) {
            return truePositives + falseNegatives >= minPerClass && trueNegatives + falsePositives >= minPerClass;
        }

        /**
         * Laplace-smoothed balanced accuracy: the mean of the smoothed hit rate on anomalous windows and the smoothed
         * rate of quiet verdicts on normal ones. Plain accuracy would reward a detector that never flags anything
         * when anomalies are rare (97% "accurate" on a stream with 3% anomalies); this stays at one half for it, as
         * for a coin, and a detector with few labels of a kind stays near one half on that side.
         */
        public double smoothedBalancedAccuracy() {
            double hitRate = (truePositives + 1.0) / (truePositives + falseNegatives + 2.0);
            double quietRate = (trueNegatives + 1.0) / (trueNegatives + falsePositives + 2.0);
            return (hitRate + quietRate) / 2;
        }

        Tally with(boolean flagged, boolean anomalous) {
            if (anomalous) {
                return flagged ? new Tally(version, truePositives + 1, falseNegatives, trueNegatives, falsePositives)
                        : new Tally(version, truePositives, falseNegatives + 1, trueNegatives, falsePositives);
            }
            return flagged ? new Tally(version, truePositives, falseNegatives, trueNegatives, falsePositives + 1)
                    : new Tally(version, truePositives, falseNegatives, trueNegatives + 1, falsePositives);
        }
    }

    public static final DetectorTallies EMPTY = new DetectorTallies(0, Map.of());

    public DetectorTallies {
        byDetector = Map.copyOf(byDetector);
    }

    /**
     * With one more labelled window whose champion readings are given. A detector counts as flagging a window it stands
     * out on ({@link Reading#standsOut}): one that alarms once per episode would otherwise count as missing every later
     * window of an anomaly it found, and weigh less than a detector that flags every window of a new regime.
     */
    public DetectorTallies learn(List<Reading> readings, boolean anomalous) {
        Map<String, Tally> next = new TreeMap<>(byDetector);
        for (Reading r : readings) {
            Tally kept = next.get(r.detector());
            Tally record = kept != null && kept.version() == r.modelVersion() ? kept : new Tally(r.modelVersion(), 0, 0, 0, 0);
            next.put(r.detector(), record.with(r.standsOut(), anomalous));
        }
        return new DetectorTallies(labelledWindows + 1, next);
    }

    /**
     * Weights from the tallies: the log-odds of each detector's smoothed balanced accuracy, log(p / (1 - p)), after
     * the optimal weight of independent voters in a weighted majority vote (Nitzan and Paroush, 1982, with accuracy
     * balanced over the two classes because anomalies are rare); a detector no better than a coin gets weight 0.
     */
    public Map<String, Double> learnedWeights() {
        Map<String, Double> out = new TreeMap<>();
        byDetector.forEach((detector, t) -> out.put(detector, weightOf(t)));
        return out;
    }

    /** The learned weights of the detectors whose record holds at least {@code minPerClass} windows of each class. */
    public Map<String, Double> provenWeights(long minPerClass) {
        Map<String, Double> out = new TreeMap<>();
        byDetector.forEach((detector, t) -> {
            if (t.proven(minPerClass)) {
                out.put(detector, weightOf(t));
            }
        });
        return out;
    }

    private static double weightOf(Tally t) {
        double p = t.smoothedBalancedAccuracy();
        return Math.max(0.0, Math.log(p / (1 - p)));
    }
}
