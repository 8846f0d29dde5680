package dev.vigil.sketches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns distances and effect sizes into severities. Deliberately no p-values: with the large windows of a
 * streaming system every tiny, harmless difference becomes "significant", while an effect size such as a KS
 * distance of 0.2 means the same at any sample size. Sampling noise is handled by the minimum counts and by
 * {@link PersistenceTracker}.
 *
 * <p>The severity of a check over many features is the higher of
 * <ul>
 *   <li>the highest level reached by at least {@link DriftThresholds#broadShare()} of the assessed features
 *   (broad drift), and</li>
 *   <li>one level below the worst feature (a single feature alone can raise the check, but not all the way:
 *   one odd feature among 53 is more often a broken input than a changed world);</li>
 * </ul>
 * then raised to the severity of the score's drift, the alert-rate change and the label-based performance
 * drift, each counted in full because each says directly that the model behaves differently.
 */
public final class DriftPolicy {

    private final DriftThresholds thresholds;

    public DriftPolicy(DriftThresholds thresholds) {
        this.thresholds = thresholds;
    }

    public DriftPolicy() {
        this(DriftThresholds.defaults());
    }

    public DriftThresholds thresholds() {
        return thresholds;
    }

    /** Compares a window with its baseline and judges the result. */
    public FeatureDrift assess(String name, Sketch baseline, Sketch window) {
        return assess(name, DriftStatistics.compare(baseline, window));
    }

    /** Judges one distribution's statistics. */
    public FeatureDrift assess(String name, DistributionComparison comparison) {
        List<String> reasons = new ArrayList<>();
        if (comparison.windowCount() < thresholds.minWindowCount()) {
            reasons.add(String.format(Locale.ROOT, "%s: %d values in the window, below the minimum of %d: no decision",
                    name, comparison.windowCount(), thresholds.minWindowCount()));
        }
        if (comparison.baselineCount() < thresholds.minBaselineCount()) {
            reasons.add(String.format(Locale.ROOT, "%s: %d values in the baseline, below the minimum of %d: no decision",
                    name, comparison.baselineCount(), thresholds.minBaselineCount()));
        }
        if (!reasons.isEmpty()) {
            return new FeatureDrift(name, comparison, Severity.NONE, false, reasons);
        }
        Severity byKs = thresholds.ks().classify(comparison.ks());
        Severity byPsi = thresholds.psi().classify(comparison.psi());
        Severity severity = Severity.max(byKs, byPsi);
        reasons.add(String.format(Locale.ROOT,
                "%s: %s (KS %.3f -> %s, PSI %.3f -> %s; Wasserstein %.2f %s, median shift %+.2f, p95 shift %+.2f)",
                name, severity, comparison.ks(), byKs, comparison.psi(), byPsi, comparison.wassersteinScaled(),
                scaleUnit(comparison), comparison.medianShift(), comparison.p95Shift()));
        return new FeatureDrift(name, comparison, severity, true, reasons);
    }

    private static String scaleUnit(DistributionComparison comparison) {
        return switch (comparison.scaleSource()) {
            case IQR -> "IQRs";
            case CENTRAL_RANGE -> "IQR-equivalents (IQR is 0)";
            case UNIT -> "units (constant baseline)";
        };
    }

    /** Overall verdict from feature verdicts alone. */
    public DriftDecision decide(List<FeatureDrift> features) {
        return decide(features, null, null, null);
    }

    /**
     * Overall verdict.
     *
     * @param features per-feature verdicts from {@link #assess}
     * @param score verdict on the score distribution, or null
     * @param alertRate result of {@link AlertRateCheck}, or null
     * @param performance result of {@link PerformanceCheck}, or null
     */
    public DriftDecision decide(List<FeatureDrift> features, FeatureDrift score, AlertRateChange alertRate,
                                PerformanceDrift performance) {
        List<FeatureDrift> assessed = features.stream().filter(FeatureDrift::assessed).toList();
        List<String> reasons = new ArrayList<>();
        Severity severity = Severity.NONE;
        boolean decided = !assessed.isEmpty();
        FeatureDrift worst = assessed.stream()
                .max(Comparator.comparing(FeatureDrift::severity).thenComparingDouble(f -> f.comparison().ks()))
                .orElse(null);
        double driftedShare = shareAtLeast(assessed, thresholds.driftedSeverity());
        if (decided) {
            Severity broad = broadSeverity(assessed);
            Severity single = worst.severity().lower();
            severity = Severity.max(broad, single);
            reasons.add(String.format(Locale.ROOT, "features: %s; %d of %d assessed features at %s or above (%.0f%%)"
                            + "; broad drift %s, worst feature %s at %s", severity,
                    Math.round(driftedShare * assessed.size()), assessed.size(), thresholds.driftedSeverity(),
                    100 * driftedShare, broad, worst.name(), worst.severity()));
        }
        if (assessed.size() < features.size()) {
            reasons.add((features.size() - assessed.size()) + " of " + features.size()
                    + " features had too few values and were not assessed");
        }
        if (score != null && score.assessed()) {
            decided = true;
            severity = raise(severity, score.severity(), "score distribution", reasons);
        }
        if (alertRate != null && alertRate.assessed()) {
            decided = true;
            severity = raise(severity, alertRate.severity(), "alert rate", reasons);
        }
        if (performance != null && performance.assessed()) {
            decided = true;
            severity = raise(severity, performance.severity(), "performance against labels", reasons);
        }
        if (!decided) {
            reasons.add(0, "not enough data in this window for any decision");
        }
        String worstName = worst == null || worst.severity() == Severity.NONE ? null : worst.name();
        reasons.addAll(0, List.of("overall " + severity));
        for (FeatureDrift feature : assessed) {
            if (feature.severity().atLeast(Severity.LOW)) {
                reasons.addAll(feature.reasons());
            }
        }
        return new DriftDecision(severity, decided, features, score, alertRate, performance, assessed.size(),
                driftedShare, worstName, reasons);
    }

    private static Severity raise(Severity current, Severity evidence, String what, List<String> reasons) {
        reasons.add(what + ": " + evidence + (evidence.compareTo(current) > 0 ? " (raises the check)" : ""));
        return Severity.max(current, evidence);
    }

    /** The highest level that at least broadShare of the assessed features reach. */
    private Severity broadSeverity(List<FeatureDrift> assessed) {
        Severity[] levels = Severity.values();
        for (int i = levels.length - 1; i > 0; i--) {
            if (shareAtLeast(assessed, levels[i]) >= thresholds.broadShare()) {
                return levels[i];
            }
        }
        return Severity.NONE;
    }

    private static double shareAtLeast(List<FeatureDrift> assessed, Severity level) {
        if (assessed.isEmpty()) {
            return 0;
        }
        long count = assessed.stream().filter(f -> f.severity().atLeast(level)).count();
        return (double) count / assessed.size();
    }
}
