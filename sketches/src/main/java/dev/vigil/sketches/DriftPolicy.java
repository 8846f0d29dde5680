package dev.vigil.sketches;

import java.util.ArrayList;
import org.apache.commons.math3.distribution.NormalDistribution;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns distances and effect sizes into severities, counting only differences that stand out from sampling
 * noise. A feature is judged in two steps:
 * <ol>
 *   <li><b>effect size</b>: KS distance and PSI against severity bounds ({@link DriftThresholds#ks()},
 *   {@link DriftThresholds#psi()}): a minimum effect, so that a tiny difference never counts however large the
 *   windows; above LOW only when the values also moved by at least {@link DriftThresholds#minShift()} baseline
 *   interquartile ranges (Wasserstein), since KS and PSI count any reshuffle between close discrete values;</li>
 *   <li><b>sampling error</b>: a KS and a PSI test at the <em>effective</em> sample sizes, the counts divided by
 *   the design effect of the data ({@link DesignEffect}), so autocorrelated and seasonal streams are not
 *   taken for independent draws; across the features of one check the Benjamini-Hochberg procedure at
 *   {@link DriftThresholds#falseDiscoveryRate()} decides which are significant. A feature that is not keeps
 *   severity NONE, whatever its effect size.</li>
 * </ol>
 *
 * <p>The severity of a check over many features is the higher of
 * <ul>
 *   <li>the highest level reached by at least {@link DriftThresholds#broadShare()} of the assessed features
 *   (broad drift), and</li>
 *   <li>one level below the worst feature, but at most LOW: a single feature alone informs and never
 *   confirms drift (on real BGP data some feature of 40 odd, discrete counts is off in most hours; one odd
 *   feature among 53 is more often a broken input than a changed world);</li>
 * </ul>
 * then raised to the severity of the score's drift (significant at the same level), the alert-rate change and
 * the label-based performance drift, each counted in full because each says directly that the model behaves
 * differently.
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

    /** Compares a window with its baseline and judges the result, values taken as independent. */
    public FeatureDrift assess(String name, Sketch baseline, Sketch window) {
        return assess(name, DriftStatistics.compare(baseline, window), 1);
    }

    /** Compares a window with its baseline, with the values' design effect; no test of the spread. */
    public FeatureDrift assess(String name, Sketch baseline, Sketch window, double designEffect) {
        return assess(name, baseline, window, designEffect, SpreadReference.NONE);
    }

    /**
     * Compares a window with its baseline, with the design effect of the values' level and the reference
     * windows' spread ({@link DesignEffect#spreadBetween}); {@link SpreadReference#NONE} means no spread test.
     */
    public FeatureDrift assess(String name, Sketch baseline, Sketch window, double designEffect,
                               SpreadReference spread) {
        return assess(name, DriftStatistics.compare(baseline, window), designEffect,
                MeanShift.of(baseline, window, spread));
    }

    /** Judges one distribution's statistics, values taken as independent. */
    public FeatureDrift assess(String name, DistributionComparison comparison) {
        return assess(name, comparison, 1);
    }

    /**
     * Judges one distribution's statistics. The severity is the effect sizes' while the test says
     * significant on its own (at the false-discovery level); {@link #decide} tests features together.
     *
     * @param designEffect variance inflation of the values, NaN when it could not be estimated (then no
     *     decision: the reference is too short to tell noise from drift)
     */
    public FeatureDrift assess(String name, DistributionComparison comparison, double designEffect) {
        return assess(name, comparison, designEffect, MeanShift.NONE);
    }

    /**
     * Means of both sides and their pooled within-side variance, for the test of a shift in level, and the
     * window's variance with the reference windows' spread, for the test of a change of spread. NONE when only
     * the distances are known.
     */
    record MeanShift(double windowMean, double baselineMean, double variance, double windowVariance,
                     SpreadReference spread) {
        static final MeanShift NONE = new MeanShift(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                SpreadReference.NONE);

        static MeanShift of(Sketch baseline, Sketch window, SpreadReference spread) {
            if (baseline.count() < 2 || window.count() < 2) {
                return NONE;
            }
            double pooled = ((baseline.count() - 1) * baseline.variance() + (window.count() - 1) * window.variance())
                    / (baseline.count() + window.count() - 2);
            return new MeanShift(window.mean(), baseline.mean(), pooled, window.variance(), spread);
        }

        /** True when the spread can be tested: the window varies and the reference windows' spread is known. */
        boolean spreadTestable() {
            return windowVariance > 0 && spread.known();
        }
    }

    private FeatureDrift assess(String name, DistributionComparison comparison, double designEffect, MeanShift mean) {
        List<String> reasons = new ArrayList<>();
        if (comparison.windowCount() < thresholds.minWindowCount()) {
            reasons.add(String.format(Locale.ROOT, "%s: %d values in the window, below the minimum of %d: no decision",
                    name, comparison.windowCount(), thresholds.minWindowCount()));
        }
        if (comparison.baselineCount() < thresholds.minBaselineCount()) {
            reasons.add(String.format(Locale.ROOT, "%s: %d values in the baseline, below the minimum of %d: no decision",
                    name, comparison.baselineCount(), thresholds.minBaselineCount()));
        }
        if (reasons.isEmpty() && Double.isNaN(designEffect)) {
            reasons.add(name + ": too few reference windows to estimate the sampling error: no decision");
        }
        if (!reasons.isEmpty()) {
            return new FeatureDrift(name, comparison, Severity.NONE, false, reasons, Severity.NONE,
                    Significance.UNTESTED);
        }
        Significance significance = significance(comparison, designEffect, mean);
        Severity byKs = thresholds.ks().classify(comparison.ks());
        Severity byPsi = constantBaseline(comparison) ? Severity.NONE : thresholds.psi().classify(comparison.psi());
        Severity effect = immaterial(comparison) ? Severity.min(Severity.max(byKs, byPsi), Severity.LOW)
                : Severity.max(byKs, byPsi);
        boolean significant = significance.pValue() <= thresholds.falseDiscoveryRate();
        Severity severity = significant ? effect : Severity.NONE;
        reasons.add(describe(name, comparison, significance, severity, byKs, byPsi, significant));
        return new FeatureDrift(name, comparison, severity, true, reasons, effect, significance);
    }

    /**
     * True when the baseline is (nearly) constant: its 5-95 % range is 0, so its deciles are one value. There KS is the
     * change in the share of values off that value, and PSI says nothing more: it is about that share times the log of
     * its ratio to the empty bins' smoothing constant, so 8 %
     * of a window's values off a constant read PSI 0.57, HIGH, with KS at 0.08 (in the demo, an injected 24-minute BGP
     * storm across an hour's edge drifted nine constant-baseline features to HIGH in two hours running and confirmed
     * drift for every peer model). Its severity is KS's alone.
     */
    private static boolean constantBaseline(DistributionComparison c) {
        return c.scaleSource() == DistributionComparison.ScaleSource.UNIT;
    }

    /**
     * True when the values moved less than {@link DriftThresholds#minShift()} baseline spreads: KS and PSI
     * see any reshuffle of weight between a discrete feature's values, however close the values. A constant
     * baseline has no spread to measure by, so there the distances decide alone.
     */
    private boolean immaterial(DistributionComparison c) {
        return c.scaleSource() != DistributionComparison.ScaleSource.UNIT && c.wassersteinScaled() < thresholds.minShift();
    }

    private String describe(String name, DistributionComparison c, Significance s, Severity severity, Severity byKs,
                            Severity byPsi, boolean significant) {
        return String.format(Locale.ROOT,
                "%s: %s (KS %.3f -> %s, PSI %.3f -> %s; %s, p %.2g, KS critical %.3f at n_eff %.0f / %.0f, design"
                        + " effect %.1f, level z %+.1f%s; Wasserstein %.2f %s%s, median shift %+.2f, p95 shift %+.2f)",
                name, severity, c.ks(), byKs, c.psi(), byPsi, significant ? "significant" : "within sampling noise",
                s.pValue(), s.ksCritical(), s.effectiveWindow(), s.effectiveBaseline(), s.designEffect(), s.levelZ(),
                Double.isNaN(s.spreadZ()) ? "" : String.format(Locale.ROOT, ", spread z %+.1f", s.spreadZ()),
                c.wassersteinScaled(), scaleUnit(c) + (constantBaseline(c) ? ", PSI not rated" : ""),
                immaterial(c) ? String.format(Locale.ROOT, ", below the material shift of %.2f: at most LOW",
                        thresholds.minShift()) : "",
                c.medianShift(), c.p95Shift());
    }

    /**
     * KS, level and spread tests at the effective sizes; the smallest p-value, times the number of tests made
     * (Bonferroni). The KS p-value is the asymptotic two-sample one ({@link #kolmogorovTail}); the level test is
     * the z-test of the two means with the design effect, which is what the design effect is estimated for and
     * which keeps its power when so few effective values are left that KS has none (a strongly
     * autocorrelated series). The spread test does the same for a change of spread around an unchanged
     * level, which the level test cannot see: the z-test of the window's log variance against the reference
     * windows' median log variance, whose sampling variance {@code 2 / (n - 1)} (normal values) is inflated by
     * the spread's own design effect, measured on the same reference windows ({@link SpreadReference}). PSI stays an effect size only: on discrete and
     * zero-inflated features (BGP counts) its chi-squared approximation fails, bins with a handful of values
     * swing it far beyond 0.25.
     */
    Significance significance(DistributionComparison c, double designEffect, MeanShift mean) {
        double deff = Math.max(1, designEffect);
        double n = Math.max(1, c.windowCount() / deff);
        double m = Math.max(1, c.baselineCount() / deff);
        double ksP = kolmogorovTail(c.ks(), n * m / (n + m));
        double meanP = 1;
        double z = Double.NaN;
        if (mean.variance() > 0) {
            double se = Math.sqrt(mean.variance() * deff * (1.0 / c.windowCount() + 1.0 / c.baselineCount()));
            z = (mean.windowMean() - mean.baselineMean()) / se;
            meanP = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
        }
        double spreadP = 1;
        double spreadZ = Double.NaN;
        int tests = 2;
        if (mean.spreadTestable() && c.windowCount() > 1) {
            SpreadReference spread = mean.spread();
            double se = Math.sqrt(Math.max(1, spread.designEffect()) * 2.0 / (c.windowCount() - 1));
            spreadZ = (Math.log(mean.windowVariance()) - spread.logVariance()) / se;
            spreadP = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(spreadZ)));
            tests = 3;
        }
        double p = Math.min(1, tests * Math.min(spreadP, Math.min(meanP, ksP)));
        return new Significance(deff, n, m, Significance.ksCritical(thresholds.falseDiscoveryRate(), n, m), p, z,
                spreadZ);
    }

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /**
     * Asymptotic two-sample KS p-value with Stephens' small-sample correction (Numerical Recipes'
     * {@code probks}): Q(lambda) = 2 sum (-1)^(k-1) exp(-2 k^2 lambda^2), lambda = (sqrt(ne) + 0.12 + 0.11 /
     * sqrt(ne)) d for ne = n m / (n + m). Written out because commons-math3's series gives up (throws) for
     * distances near 0, which sketches of identical windows produce.
     */
    static double kolmogorovTail(double d, double ne) {
        if (!(d > 0)) {
            return 1;
        }
        double root = Math.sqrt(ne);
        double lambda = (root + 0.12 + 0.11 / root) * d;
        if (lambda < 0.3) {
            return 1;
        }
        double sum = 0;
        double sign = 1;
        for (int k = 1; k <= 100; k++) {
            double term = sign * Math.exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.abs(term) < 1e-12 * Math.abs(sum)) {
                break;
            }
            sign = -sign;
        }
        return Math.max(0, Math.min(1, 2 * sum));
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
        List<FeatureDrift> assessed = benjaminiHochberg(features.stream().filter(FeatureDrift::assessed).toList());
        features = features.stream().map(f -> f.assessed() ? assessed.stream()
                .filter(a -> a.name().equals(f.name())).findFirst().orElse(f) : f).toList();
        List<String> reasons = new ArrayList<>();
        Severity severity = Severity.NONE;
        boolean decided = !assessed.isEmpty();
        FeatureDrift worst = assessed.stream()
                .max(Comparator.comparing(FeatureDrift::severity).thenComparingDouble(f -> f.comparison().ks()))
                .orElse(null);
        double driftedShare = shareAtLeast(assessed, thresholds.driftedSeverity());
        if (decided) {
            Severity broad = broadSeverity(assessed);
            Severity single = Severity.min(worst.severity().lower(), Severity.LOW);
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

    /**
     * Benjamini-Hochberg over the features' p-values: the largest k with p_(k) &le; k q / M sets the cut; a
     * feature above it is within sampling noise and drops to NONE (its effect is kept for the report).
     */
    List<FeatureDrift> benjaminiHochberg(List<FeatureDrift> assessed) {
        double q = thresholds.falseDiscoveryRate();
        double[] p = assessed.stream().mapToDouble(f -> f.significance().pValue()).sorted().toArray();
        double cut = -1;
        for (int k = p.length; k >= 1; k--) {
            if (p[k - 1] <= k * q / p.length) {
                cut = p[k - 1];
                break;
            }
        }
        List<FeatureDrift> out = new ArrayList<>(assessed.size());
        for (FeatureDrift f : assessed) {
            boolean discovered = f.significance().pValue() <= cut;
            Severity severity = discovered ? f.effect() : Severity.NONE;
            if (severity == f.severity()) {
                out.add(f);
            } else {
                String why = f.reasons().getLast().replaceFirst(": " + f.severity() + " \\(", ": " + severity + " (")
                        + (discovered ? "; significant among all features (Benjamini-Hochberg)"
                        : "; not significant among " + p.length + " features (Benjamini-Hochberg at q " + q + ")");
                out.add(f.withSeverity(severity, List.of(why)));
            }
        }
        return out;
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
