package dev.vigil.sketches;

import java.util.List;
import java.util.Locale;

/**
 * Judges a window's alert rate against the rate expected at the model's calibrated threshold. The number of
 * alerts among n scores is binomial; the verdict uses its effect sizes, the rate ratio and the absolute
 * difference. A rise counts in full; a fall is reported but reaches at most LOW, which informs and never confirms:
 * the expected rate is most often measured on an unlabelled holdout, and a holdout that held an incident promises
 * more alerts than normal data gives (in the demo a model retrained on hours that included a worm storm expected
 * 7.6 % and, meeting 0.3 %, confirmed drift hour after hour); a model that stopped finding anomalies shows in the
 * label-based performance check, and one whose inputs changed in its features' drift. The ratio is only
 * trusted when enough alerts are expected for it to be stable, and a change smaller than
 * {@code minAbsoluteDifference} never counts, so that tiny base rates cannot produce large ratios from a
 * handful of alerts.
 *
 * @param minScored fewest scores in a window to judge it
 * @param minExpectedAlerts fewest alerts expected (scored * expectedRate) to judge it; with 10 expected,
 *     doubling to 20 or more happens by chance with probability about 0.3%
 * @param minAbsoluteDifference smallest |observed - expected| rate change that counts
 * @param factor severity bounds on max(ratio, 1 / ratio)
 */
public record AlertRateCheck(long minScored, double minExpectedAlerts, double minAbsoluteDifference,
                             SeverityThresholds factor) {

    /** Defaults: 200 scores, 10 expected alerts, a change of at least 0.5 percentage points, and factors
     * 1.5 (LOW), 2 (MEDIUM), 3 (HIGH), 5 (CRITICAL). */
    public static AlertRateCheck defaults() {
        return new AlertRateCheck(200, 10, 0.005, new SeverityThresholds(1.5, 2, 3, 5));
    }

    public AlertRateChange assess(long alerts, long scored, double expectedRate) {
        return assess(alerts, scored, expectedRate, 1, 1);
    }

    /**
     * Judges the alert rate and, beyond the effect sizes, asks that the change stand out from binomial noise
     * inflated by the design effect (alerts cluster in incidents): a two-sided normal test at level alpha.
     */
    public AlertRateChange assess(long alerts, long scored, double expectedRate, double designEffect, double alpha) {
        AlertRateChange effect = assessEffect(alerts, scored, expectedRate);
        if (!effect.assessed() || effect.severity() == Severity.NONE || alpha >= 1) {
            return effect;
        }
        double deff = Math.max(1, Double.isNaN(designEffect) ? 1 : designEffect);
        double z = effect.difference() / Math.sqrt(expectedRate * (1 - expectedRate) * deff / scored);
        double p = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
        if (p <= alpha) {
            return effect;
        }
        String why = String.format(Locale.ROOT, "%s; within sampling noise (z %.2f, p %.2g at design effect %.1f): NONE",
                effect.reasons().getFirst(), z, p, deff);
        return new AlertRateChange(effect.alerts(), effect.scored(), effect.observedRate(), effect.expectedRate(),
                effect.ratio(), effect.difference(), effect.cohensH(), Severity.NONE, true, List.of(why));
    }

    private static final org.apache.commons.math3.distribution.NormalDistribution NORMAL =
            new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);

    private AlertRateChange assessEffect(long alerts, long scored, double expectedRate) {
        if (alerts < 0 || alerts > scored) {
            throw new IllegalArgumentException("alerts must be in [0, scored], got " + alerts + " of " + scored);
        }
        if (!(expectedRate > 0 && expectedRate < 1)) {
            throw new IllegalArgumentException("expected rate must be in (0, 1), got " + expectedRate);
        }
        double observed = scored == 0 ? Double.NaN : (double) alerts / scored;
        double ratio = observed / expectedRate;
        double difference = observed - expectedRate;
        double h = 2 * Math.asin(Math.sqrt(observed)) - 2 * Math.asin(Math.sqrt(expectedRate));
        double expectedAlerts = scored * expectedRate;
        if (scored < minScored || expectedAlerts < minExpectedAlerts) {
            String why = String.format(Locale.ROOT,
                    "alert rate: %d scores and %.1f expected alerts, below the minimum of %d and %.1f: no decision",
                    scored, expectedAlerts, minScored, minExpectedAlerts);
            return new AlertRateChange(alerts, scored, observed, expectedRate, ratio, difference, h,
                    Severity.NONE, false, List.of(why));
        }
        double changeFactor = ratio >= 1 ? ratio : 1 / ratio;
        Severity severity = Math.abs(difference) < minAbsoluteDifference ? Severity.NONE
                : factor.classify(changeFactor);
        boolean falling = ratio < 1 && severity.atLeast(Severity.MEDIUM);
        if (falling) {
            severity = Severity.LOW;
        }
        String why = String.format(Locale.ROOT,
                "alert rate: %s (%d of %d = %.4f vs expected %.4f: ratio %.2f, difference %+.4f, Cohen's h %+.3f)%s",
                severity, alerts, scored, observed, expectedRate, ratio, difference, h,
                falling ? "; a fall informs only: LOW at most" : "");
        return new AlertRateChange(alerts, scored, observed, expectedRate, ratio, difference, h, severity, true,
                List.of(why));
    }
}
