package dev.vigil.cli.chaos;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import java.util.Map;
import java.util.Set;

/** The records two runs are compared by: each keyed by what it describes, valued by everything but run-bound fields. */
final class ComparedRecords {
    private ComparedRecords() {
    }

    /**
     * The aggregator's rare-AS counts live in memory and warm up again after a restart, by design (aggregator/README.md):
     * the only features a fault may change, so they and their relative forms are left out of the comparison.
     */
    private static final Set<String> RESTART_WARMED = Set.of("number_rare_ases", "rare_ases_max", "rare_ases_avg");
    static Map.Entry<String, String> featureEntry(FeatureVector v) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < v.getFeatureNames().size(); i++) {
            String name = v.getFeatureNames().get(i);
            if (!RESTART_WARMED.contains(name.replaceFirst("\\.(ratio|z)$", ""))) {
                value.append(name).append('=').append(v.getValues().get(i)).append(' ');
            }
        }
        value.append("events=").append(v.getEventCount());
        return Map.entry(v.getDomain() + "|" + v.getEntity() + "|" + v.getWindowStart(), value.toString());
    }

    /** A score without its wall-clock scoring time, the one field two runs may not share. */
    static Map.Entry<String, String> scoreEntry(DetectorScore s) {
        String key = s.getDomain() + "|" + s.getEntity() + "|" + s.getWindowStart() + "|" + s.getDetector() + (s.getShadow() ? "|shadow" : "");
        String value = s.getStatus() + " " + s.getModelName() + " v" + s.getModelVersion() + " raw=" + s.getRawScore() + " score="
                + s.getScore() + " threshold=" + s.getThreshold() + " anomalous=" + s.getAnomalous() + " events=" + s.getEventCount()
                + " top=" + s.getTopFeatures();
        return Map.entry(key, value);
    }
}
