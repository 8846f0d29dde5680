package dev.vigil.ensemble.ab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class SignificanceTestTest {
    @Test
    void largeCountsUseTheChiSquareTestWhichEqualsTheTwoProportionZTest() {
        long aCorrect = 70;
        long aWrong = 30;
        long bCorrect = 85;
        long bWrong = 15;
        SignificanceTest.Result r = SignificanceTest.compare(aCorrect, aWrong, bCorrect, bWrong);
        assertEquals("chi-square", r.method());
        // Independent computation: pooled two-proportion z-test, two-sided.
        double p1 = aCorrect / 100.0;
        double p2 = bCorrect / 100.0;
        double pooled = (aCorrect + bCorrect) / 200.0;
        double z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (2.0 / 100));
        double expected = 2 * (1 - new NormalDistribution().cumulativeProbability(Math.abs(z)));
        assertEquals(expected, r.pValue(), 1e-9);
    }

    @Test
    void smallCountsUseFishersExactTest() {
        // Fisher's tea-tasting table (3 1 / 1 3): two-sided p = 34/70 = 0.4857.
        SignificanceTest.Result tea = SignificanceTest.compare(3, 1, 1, 3);
        assertEquals("fisher-exact", tea.method());
        assertEquals(34.0 / 70, tea.pValue(), 1e-12);
        // 10 of 10 against 3 of 10: the two tails X = 10 and X = 3 of Hypergeometric(20, 13, 10) are the only
        // tables as unlikely, each C(13,10) C(7,0) / C(20,10) = 286 / 184756.
        assertEquals(2.0 * 286 / 184756, SignificanceTest.compare(10, 0, 3, 7).pValue(), 1e-12);
    }

    @Test
    void armsThatCannotDifferGetPValueOne() {
        assertEquals(1.0, SignificanceTest.compare(10, 0, 12, 0).pValue());
        assertEquals(1.0, SignificanceTest.compare(0, 0, 12, 3).pValue());
    }
}
