package dev.vigil.retrainer;

import dev.vigil.models.ValidationMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's holdout results, and the production version's on the same rows when it could be scored.
 *
 * @param candidate      metrics of the candidate at its calibrated threshold
 * @param production     metrics of the production version, or null (none, or another feature schema)
 * @param labelled       true when the holdout has labels of both classes, so label metrics decide
 * @param sanityProblems what is wrong with the candidate's score distribution; empty when sane
 * @param finiteFraction fraction of holdout raw scores that are finite
 * @param scoreMedian    median calibrated holdout score
 * @param scoreP99       99th percentile calibrated holdout score
 */
public record ValidationReport(ValidationMetrics candidate, ValidationMetrics production, boolean labelled,
                               List<String> sanityProblems, double finiteFraction, double scoreMedian, double scoreP99) {

    public ValidationReport {
        sanityProblems = List.copyOf(sanityProblems);
    }

    /** Everything under the keys of {@code ModelVersion.validation}; production figures are prefixed {@code production_}. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>(candidate.asMap());
        map.put("finite_fraction", finiteFraction);
        map.put("score_median", scoreMedian);
        map.put("score_p99", scoreP99);
        map.put("sane", sanityProblems.isEmpty() ? 1.0 : 0.0);
        if (production != null) {
            production.asMap().forEach((k, v) -> map.put("production_" + k, v));
        }
        return map;
    }
}
