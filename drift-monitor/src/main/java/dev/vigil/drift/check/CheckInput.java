package dev.vigil.drift.check;

import dev.vigil.drift.state.WindowCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one check of one model's window needs, read from the stores by the caller.
 *
 * @param model model name
 * @param domain its domain
 * @param windowStart start of the checked window
 * @param windowEnd end of the checked window
 * @param productionVersion version in production, empty when none is known
 * @param features one pair per feature, in the model's feature order
 * @param score the score distribution, empty when the model scored nothing and has no score reference
 * @param window the model's counts in the checked window (alert rate)
 * @param horizon the model's counts over the performance horizon ending with the window (labels)
 * @param expectedAlertRate alert rate expected at the calibrated threshold, empty without a production version
 * @param validation the production version's validation metrics (precision, recall, fpr, ...)
 * @param referenceNote the reference in words (kind, windows, since when), stated in the report
 * @param alertDesignEffect variance inflation of the alert count (alerts cluster in incidents), from the
 *     reference windows' alert rates; 1 when unknown
 */
public record CheckInput(String model, String domain, Instant windowStart, Instant windowEnd,
                         Optional<Integer> productionVersion, List<SketchPair> features, Optional<SketchPair> score,
                         WindowCounts window, WindowCounts horizon, Optional<Double> expectedAlertRate,
                         Map<String, Double> validation, String referenceNote, double alertDesignEffect) {

    public CheckInput {
        features = List.copyOf(features);
        validation = Map.copyOf(validation);
    }

    public CheckInput(String model, String domain, Instant windowStart, Instant windowEnd,
                      Optional<Integer> productionVersion, List<SketchPair> features, Optional<SketchPair> score,
                      WindowCounts window, WindowCounts horizon, Optional<Double> expectedAlertRate,
                      Map<String, Double> validation) {
        this(model, domain, windowStart, windowEnd, productionVersion, features, score, window, horizon,
                expectedAlertRate, validation, "", 1);
    }

    /** True when the window holds any data of the model's domain. */
    public boolean hasData() {
        return window.scored() > 0 || features.stream().anyMatch(f -> !f.window().isEmpty());
    }
}
