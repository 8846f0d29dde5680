package dev.vigil.drift.check;

import dev.vigil.avro.RetrainRequest;
import dev.vigil.sketches.AlertRateChange;
import dev.vigil.sketches.DriftDecision;
import dev.vigil.sketches.FeatureDrift;
import dev.vigil.sketches.PerformanceDrift;
import dev.vigil.sketches.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The retrain request a confirmed drift episode sends. */
public final class RequestBuilder {
    public static final String REQUESTER = "drift-monitor";
    /** Reasons copied into the request: the overall verdict and the parts that raised it. */
    private static final int MAX_REASONS = 12;

    private RequestBuilder() {
    }

    /**
     * The request id of a drift episode: the same model, production version and episode start always give
     * the same id, so a check that is replayed after a failure (or by a restored instance) repeats the
     * request instead of adding one, and the retrainer can drop the duplicate.
     */
    public static String requestId(String model, Integer productionVersion, long episodeStartMillis) {
        return requestId(model, productionVersion, episodeStartMillis, 1);
    }

    /** The id of the episode's {@code n}-th request: the first's id, then {@code #n} for a later one. */
    public static String requestId(String model, Integer productionVersion, long episodeStartMillis, int n) {
        return REQUESTER + ":" + model + ":" + (productionVersion == null ? "none" : "v" + productionVersion) + ":"
                + Instant.ofEpochMilli(episodeStartMillis) + (n > 1 ? "#" + n : "");
    }

    static RetrainRequest build(CheckInput in, DriftDecision decision, long episodeStart, int n, Instant requestedAt) {
        return RetrainRequest.newBuilder()
                .setRequestId(requestId(in.model(), in.productionVersion().orElse(null), episodeStart, n))
                .setModel(in.model())
                .setDomain(in.domain())
                .setReasons(List.copyOf(decision.reasons().subList(0, Math.min(MAX_REASONS, decision.reasons().size()))))
                .setDriftFigures(figures(decision))
                .setSeverity(ReportBuilder.avro(decision.severity()))
                .setRequester(REQUESTER)
                .setForce(false)
                .setRequestedAt(requestedAt)
                // The new regime began with the episode's first drifting window: the retrainer may prefer data from then on.
                .setChangedSince(Instant.ofEpochMilli(episodeStart))
                .build();
    }

    /** The statistics behind the request: every drifting distribution's figures, alert rate and label figures. */
    static Map<String, Double> figures(DriftDecision decision) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (FeatureDrift f : decision.features()) {
            if (f.severity().atLeast(Severity.LOW)) {
                distribution(out, f);
            }
        }
        if (decision.score() != null && decision.score().assessed()) {
            distribution(out, decision.score());
        }
        AlertRateChange alerts = decision.alertRate();
        if (alerts != null && alerts.assessed()) {
            out.put("alert_rate", alerts.observedRate());
            out.put("expected_alert_rate", alerts.expectedRate());
        }
        PerformanceDrift performance = decision.performance();
        if (performance != null && performance.assessed()) {
            putIfNumber(out, "precision", performance.counts().precision());
            putIfNumber(out, "recall", performance.counts().recall());
            putIfNumber(out, "fpr", performance.counts().falsePositiveRate());
        }
        out.put("drifted_share", decision.driftedShare());
        return out;
    }

    private static void distribution(Map<String, Double> out, FeatureDrift f) {
        putIfNumber(out, "ks." + f.name(), f.comparison().ks());
        putIfNumber(out, "psi." + f.name(), f.comparison().psi());
        putIfNumber(out, "wasserstein." + f.name(), f.comparison().wassersteinScaled());
    }

    private static void putIfNumber(Map<String, Double> out, String key, double value) {
        if (!Double.isNaN(value)) {
            out.put(key, value);
        }
    }
}
