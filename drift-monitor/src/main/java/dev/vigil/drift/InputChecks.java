package dev.vigil.drift;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.registry.ModelKeys;
import dev.vigil.registry.RefusalReport;

/** Domain checks of the inputs (null when valid, else the problem); invalid records go to dead letters. */
final class InputChecks {
    private InputChecks() {
    }

    static String vector(FeatureVector v) {
        if (v.getDomain().isBlank()) {
            return "domain is empty";
        }
        if (v.getFeatureNames().size() != v.getValues().size()) {
            return v.getFeatureNames().size() + " feature names but " + v.getValues().size() + " values";
        }
        return window(v.getWindowStart().toEpochMilli(), v.getWindowEnd().toEpochMilli());
    }

    static String score(DetectorScore s) {
        if (s.getDomain().isBlank()) {
            return "domain is empty";
        }
        if (s.getModelName() != null && s.getModelName().isBlank()) {
            return "model name is empty";
        }
        if (s.getStatus() == ScoreStatus.SCORED && !Double.isFinite(s.getScore())) {
            return "score is " + s.getScore();
        }
        return window(s.getWindowStart().toEpochMilli(), s.getWindowEnd().toEpochMilli());
    }

    static String version(ModelVersion v) {
        if (v.getName().isBlank() || v.getDomain().isBlank()) {
            return "model name or domain is empty";
        }
        return v.getVersion() < 1 ? "version " + v.getVersion() + " is not positive" : null;
    }

    static String label(Label l) {
        return l.getDomain().isBlank() ? "domain is empty" : null;
    }

    private static String window(long start, long end) {
        return end < start ? "window ends before it starts" : null;
    }

    static String domainOf(Object value) {
        return switch (value) {
            case FeatureVector v -> v.getDomain();
            case DetectorScore s -> s.getDomain();
            case ModelVersion m -> m.getDomain();
            case Label l -> l.getDomain();
            case DeadLetter d -> RefusalReport.of(d).map(r -> ModelKeys.domainOf(r.model()))
                    .orElseThrow(() -> new IllegalArgumentException("not a refusal report: " + d.getErrorClass()));
            default -> throw new IllegalArgumentException("not an input of the drift monitor: " + value.getClass());
        };
    }
}
