package dev.vigil.sketches;

/**
 * Settings of {@link DriftPolicy}.
 *
 * @param minWindowCount fewest values a window needs for its distribution to be judged
 * @param minBaselineCount fewest values a baseline needs
 * @param ks severity bounds on the KS distance
 * @param psi severity bounds on PSI
 * @param broadShare share of assessed features that must reach a level for the whole check to reach it
 * @param driftedSeverity level at which a feature counts as drifted in the reported share
 * @param falseDiscoveryRate Benjamini-Hochberg level across the features of one check (and the significance
 *     level of the score's own test): a feature counts only when its difference is unlikely to be sampling
 *     noise at the effective sample sizes, and this bounds the expected share of noise among those that count
 * @param minShift smallest Wasserstein distance, in baseline interquartile ranges, for a feature to rise above
 *     LOW: below it the values barely moved (a discrete feature whose point masses swapped a little weight can
 *     reach KS 0.9 with its median where it was), which informs but is not a change a model notices
 */
public record DriftThresholds(long minWindowCount, long minBaselineCount, SeverityThresholds ks,
                              SeverityThresholds psi, double broadShare, Severity driftedSeverity,
                              double falseDiscoveryRate, double minShift) {

    /** Default Benjamini-Hochberg level: one check in a hundred may carry one noise feature. */
    public static final double DEFAULT_FALSE_DISCOVERY_RATE = 0.01;

    /**
     * Default material shift: a quarter of an interquartile range. A normal distribution whose mean moves by
     * 0.5 standard deviations (KS 0.20, the MEDIUM bound) moves 0.37 IQRs, so a continuous shift that
     * reaches MEDIUM by KS is never held back; only reshuffles of weight between nearby values are.
     */
    public static final double DEFAULT_MIN_SHIFT = 0.25;

    public DriftThresholds(long minWindowCount, long minBaselineCount, SeverityThresholds ks, SeverityThresholds psi,
                           double broadShare, Severity driftedSeverity) {
        this(minWindowCount, minBaselineCount, ks, psi, broadShare, driftedSeverity, DEFAULT_FALSE_DISCOVERY_RATE,
                DEFAULT_MIN_SHIFT);
    }

    /**
     * Defaults. PSI follows the usual conventions: below 0.1 stable, 0.1 to 0.25 a moderate shift (LOW),
     * 0.25 and above a major shift (MEDIUM), then 0.5 (HIGH) and 1.0 (CRITICAL). KS bounds 0.1, 0.2, 0.3, 0.5
     * are matched to them: a normal distribution whose mean moves by 0.5 standard deviations has KS 0.20 and
     * PSI about 0.25. Noise at the minimum count (simulated, two samples of 200 from one normal distribution,
     * 20,000 pairs): KS reaches 0.2 in 0.08% of pairs and PSI 0.25 in 0.5%, so a MEDIUM feature is rarely
     * noise, and a confirmation needs the check at MEDIUM twice in a row; LOW is reached in about a third of
     * pairs, which is why LOW only informs. Larger windows and baselines shrink the noise further. A check
     * reaches a level when 10% of its features do; MEDIUM is what counts as drifted.
     */
    public static DriftThresholds defaults() {
        return new DriftThresholds(200, 200, new SeverityThresholds(0.1, 0.2, 0.3, 0.5),
                new SeverityThresholds(0.1, 0.25, 0.5, 1.0), 0.10, Severity.MEDIUM);
    }

    public DriftThresholds {
        if (minWindowCount < 1 || minBaselineCount < 1) {
            throw new IllegalArgumentException("minimum counts must be at least 1");
        }
        if (!(broadShare > 0 && broadShare <= 1)) {
            throw new IllegalArgumentException("broadShare must be in (0, 1], got " + broadShare);
        }
        if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
            throw new IllegalArgumentException("falseDiscoveryRate must be in (0, 1), got " + falseDiscoveryRate);
        }
        if (!(minShift >= 0)) {
            throw new IllegalArgumentException("minShift must be at least 0, got " + minShift);
        }
        if (driftedSeverity == Severity.NONE) {
            throw new IllegalArgumentException("driftedSeverity must be above NONE");
        }
    }

    public DriftThresholds withMinWindowCount(long count) {
        return new DriftThresholds(count, minBaselineCount, ks, psi, broadShare, driftedSeverity, falseDiscoveryRate, minShift);
    }

    public DriftThresholds withKs(SeverityThresholds thresholds) {
        return new DriftThresholds(minWindowCount, minBaselineCount, thresholds, psi, broadShare, driftedSeverity, falseDiscoveryRate, minShift);
    }

    public DriftThresholds withPsi(SeverityThresholds thresholds) {
        return new DriftThresholds(minWindowCount, minBaselineCount, ks, thresholds, broadShare, driftedSeverity, falseDiscoveryRate, minShift);
    }

    public DriftThresholds withFalseDiscoveryRate(double rate) {
        return new DriftThresholds(minWindowCount, minBaselineCount, ks, psi, broadShare, driftedSeverity, rate, minShift);
    }

    public DriftThresholds withMinShift(double shift) {
        return new DriftThresholds(minWindowCount, minBaselineCount, ks, psi, broadShare, driftedSeverity, falseDiscoveryRate, shift);
    }

    public DriftThresholds withBroadShare(double share) {
        return new DriftThresholds(minWindowCount, minBaselineCount, ks, psi, share, driftedSeverity, falseDiscoveryRate, minShift);
    }
}
