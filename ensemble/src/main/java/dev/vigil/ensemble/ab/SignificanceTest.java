package dev.vigil.ensemble.ab;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Whether two arms' rates of correct verdicts differ: Pearson's chi-square test of the 2x2 table
 * (commons-math3, equivalent to the two-sided two-proportion z-test) when every expected cell count is
 * at least 5, otherwise Fisher's exact test, built on commons-math3's hypergeometric distribution
 * (commons-math3 has no Fisher test of its own).
 */
public final class SignificanceTest {
    /** The test's p-value and which test gave it. */
    public record Result(double pValue, String method) {
    }

    private SignificanceTest() {
    }

    public static Result compare(long aCorrect, long aWrong, long bCorrect, long bWrong) {
        long a = aCorrect + aWrong;
        long b = bCorrect + bWrong;
        long correct = aCorrect + bCorrect;
        long wrong = aWrong + bWrong;
        long n = a + b;
        if (a == 0 || b == 0 || correct == 0 || wrong == 0) {
            // An empty row or column: the arms cannot differ in this data.
            return new Result(1.0, "none");
        }
        // The smallest expected cell count is the smaller row total times the smaller column total over n.
        double minExpected = (double) Math.min(a, b) * Math.min(correct, wrong) / n;
        if (minExpected >= 5) {
            long[][] table = {{aCorrect, aWrong}, {bCorrect, bWrong}};
            return new Result(new ChiSquareTest().chiSquareTest(table), "chi-square");
        }
        return new Result(fisherTwoSided(aCorrect, a, correct, n), "fisher-exact");
    }

    /**
     * Two-sided Fisher exact p-value: the probability, with the margins fixed, of every table at most as
     * likely as the observed one.
     */
    static double fisherTwoSided(long aCorrect, long a, long correct, long n) {
        HypergeometricDistribution h = new HypergeometricDistribution(null, (int) n, (int) correct, (int) a);
        double observed = h.probability((int) aCorrect);
        double p = 0;
        for (int k = h.getSupportLowerBound(); k <= h.getSupportUpperBound(); k++) {
            double pk = h.probability(k);
            // Relative tolerance as in R's fisher.test, so ties in floating point count as "as likely".
            if (pk <= observed * (1 + 1e-7)) {
                p += pk;
            }
        }
        return Math.min(1.0, p);
    }
}
