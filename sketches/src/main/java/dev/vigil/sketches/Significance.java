package dev.vigil.sketches;

/**
 * Whether a distribution's difference from its reference stands out from sampling noise, given how many
 * independent values the two sides are worth.
 *
 * @param designEffect variance inflation of the values (1 for independent values; see {@link DesignEffect})
 * @param effectiveWindow window count divided by the design effect (at least 1)
 * @param effectiveBaseline baseline count divided by the design effect (at least 1)
 * @param ksCritical the KS distance that sampling noise exceeds with probability alpha at these effective
 *     sizes: {@code c(alpha) * sqrt((n + m) / (n m))}, {@code c(alpha) = sqrt(-ln(alpha / 2) / 2)}
 * @param pValue the smallest of the KS, level-test and (when made) spread-test p-values, times the number of
 *     tests for taking the smallest (Bonferroni)
 * @param levelZ the level test's z: difference of the means over its standard error with the design effect
 *     (NaN when the means are unknown)
 * @param spreadZ the spread test's z: log ratio of the variances over its standard error with the spread's
 *     design effect (NaN when no spread test was made)
 */
public record Significance(double designEffect, double effectiveWindow, double effectiveBaseline, double ksCritical,
                           double pValue, double levelZ, double spreadZ) {

    /** No test was made (e.g. too few values): nothing is significant. */
    public static final Significance UNTESTED = new Significance(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, Double.NaN,
            Double.NaN);

    /** KS critical value at level alpha for effective sizes n and m. */
    public static double ksCritical(double alpha, double n, double m) {
        return Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((n + m) / (n * m));
    }
}
