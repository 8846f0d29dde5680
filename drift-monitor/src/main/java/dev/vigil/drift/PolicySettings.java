package dev.vigil.drift;

import dev.vigil.schemas.Entities;
import dev.vigil.schemas.FeatureNames;

import dev.vigil.kit.config.ConfigException;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.sketches.AlertRateCheck;
import dev.vigil.sketches.DriftPolicy;
import dev.vigil.sketches.DriftThresholds;
import dev.vigil.sketches.PerformanceCheck;
import dev.vigil.sketches.Severity;
import dev.vigil.sketches.SeverityThresholds;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How checks decide, from {@code vigil.drift.*} settings over the sketches library's defaults: the policy
 * for distributions, the alert-rate and label checks, and how long drift must persist to be confirmed.
 * Severity bounds are four ascending numbers, the lower bounds of LOW, MEDIUM, HIGH and CRITICAL.
 *
 * @param ignoredFeatures features whose distribution never counts towards a decision
 *     ({@code vigil.drift.ignore.features}): they are still compared and reported, with severity NONE; an entry
 *     {@code *<suffix>} names every feature ending in the suffix
 * @param onlineDetectors detectors that learn online and have no trained versions ({@code vigil.drift.online.detectors},
 *     by default {@code adaptive}): their drift is checked and reported, but no retrain is requested for them
 */
public record PolicySettings(DriftPolicy policy, AlertRateCheck alertRate, PerformanceCheck performance,
                             int requiredWindows, Severity confirmingSeverity, Set<String> ignoredFeatures,
                             Set<String> onlineDetectors) {

    private static final String P = DriftSettings.PREFIX;
    public static final String IGNORE_FEATURES = P + "ignore.features";
    /** The aggregator's relative features (suffixes of the models library's {@code RelativeFeatures}). */
    static final java.util.List<String> RELATIVE_FEATURE_PATTERNS = java.util.List.of("*.ratio", "*.z");
    /**
     * The aggregator's seasonality encodings of telemetry vectors: a window covers a few hours of one day, so
     * their distribution differs from a baseline of whole weeks by construction, not because the data drifted. And
     * {@code count_vs_hour}, which is 0 on a service's first day and noise around 0 after it: compared with the same
     * hour of the first day it drifted by construction (every telemetry-service model confirmed drift on day two in
     * the demo); a change in a service's traffic also shows in {@code event_count}, which is judged. And the relative
     * features of BGP peers ({@code f.ratio}, {@code f.z}: each feature against the peer's own rolling baseline of the
     * last day, see the aggregator's README): during a peer's first day that baseline holds only hours of samples, so
     * the same hour of the next day, with a full baseline, differs by construction (in the demo a quarter of them,
     * and every BGP-peer model with them, confirmed drift on day two with nothing changed); and a lasting change of a
     * peer shows in them only until its baseline has taken it in, while it shows in the raw feature, which is judged.
     */
    public static final String DEFAULT_IGNORED_FEATURES = String.join(",", Entities.CALENDAR_FEATURES) + ","
            + FeatureNames.COUNT_VS_HOUR + "," + String.join(",", RELATIVE_FEATURE_PATTERNS);

    public static final String ONLINE_DETECTORS = P + "online.detectors";

    public PolicySettings {
        ignoredFeatures = Set.copyOf(ignoredFeatures);
        onlineDetectors = Set.copyOf(onlineDetectors);
    }

    /** True when the model ({@code <domain>.<detector>}) is one of a detector that learns online, so nothing retrains it. */
    public boolean learnsOnline(String model, String domain) {
        return model.startsWith(domain + ".") && onlineDetectors.contains(model.substring(domain.length() + 1));
    }

    /** True when the feature's distribution must not drive severity, confirmation or retrain requests. */
    public boolean ignores(String feature) {
        return ignoredFeatures.contains(feature) || ignoredFeatures.stream()
                .anyMatch(p -> p.startsWith("*") && feature.endsWith(p.substring(1)));
    }

    public static PolicySettings defaults() {
        return from(VigilConfig.of(DriftMonitorApp.NAME, java.util.Map.of()));
    }

    public static PolicySettings from(VigilConfig c) {
        DriftThresholds d = DriftThresholds.defaults();
        DriftThresholds thresholds = new DriftThresholds(
                c.getLong(P + "min.window.count", d.minWindowCount()),
                c.getLong(P + "min.baseline.count", d.minBaselineCount()),
                bounds(c, "ks.thresholds", d.ks()), bounds(c, "psi.thresholds", d.psi()),
                c.getDouble(P + "broad.share", d.broadShare()), d.driftedSeverity(),
                c.getDouble(P + "false.discovery.rate", d.falseDiscoveryRate()),
                c.getDouble(P + "min.shift", d.minShift()));
        AlertRateCheck a = AlertRateCheck.defaults();
        AlertRateCheck alertRate = new AlertRateCheck(
                c.getLong(P + "alert.min.scored", a.minScored()),
                c.getDouble(P + "alert.min.expected.alerts", a.minExpectedAlerts()),
                c.getDouble(P + "alert.min.difference", a.minAbsoluteDifference()),
                bounds(c, "alert.factor.thresholds", a.factor()));
        PerformanceCheck p = PerformanceCheck.defaults();
        PerformanceCheck performance = new PerformanceCheck(
                c.getLong(P + "performance.min.positives", p.minLabelledPositives()),
                c.getLong(P + "performance.min.alerts", p.minAlerts()),
                c.getLong(P + "performance.min.negatives", p.minLabelledNegatives()),
                bounds(c, "performance.drop.thresholds", p.drop()),
                bounds(c, "performance.fpr.factor.thresholds", p.fprFactor()),
                c.getDouble(P + "performance.min.fpr.increase", p.minFprIncrease()));
        int windows = c.getInt(P + "consecutive.windows", 2);
        Severity confirming = severity(c.get(P + "confirming.severity", "MEDIUM"));
        if (windows < 1 || confirming == Severity.NONE) {
            throw new ConfigException(P + "consecutive.windows must be at least 1 and "
                    + P + "confirming.severity above NONE");
        }
        return new PolicySettings(new DriftPolicy(thresholds), alertRate, performance, windows, confirming,
                list(c, IGNORE_FEATURES, DEFAULT_IGNORED_FEATURES), list(c, ONLINE_DETECTORS, "adaptive"));
    }

    /** A comma-separated list; {@code none} or an explicitly empty value is the empty set. */
    private static Set<String> list(VigilConfig c, String key, String defaults) {
        boolean setEmpty = c.asMap().containsKey(key) && !c.has(key);
        String text = setEmpty ? "" : c.get(key, defaults);
        Set<String> out = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("none")) {
                out.add(trimmed);
            }
        }
        return out;
    }

    private static SeverityThresholds bounds(VigilConfig c, String key, SeverityThresholds fallback) {
        if (!c.has(P + key)) {
            return fallback;
        }
        String text = c.get(P + key);
        try {
            double[] v = Arrays.stream(text.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            if (v.length != 4) {
                throw new IllegalArgumentException("expected four numbers");
            }
            return new SeverityThresholds(v[0], v[1], v[2], v[3]);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(P + key + " must be four ascending positive numbers (LOW,MEDIUM,HIGH,CRITICAL), not '"
                    + text + "': " + e.getMessage());
        }
    }

    private static Severity severity(String text) {
        try {
            return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(P + "confirming.severity must be LOW, MEDIUM, HIGH or CRITICAL, not '" + text + "'");
        }
    }
}
