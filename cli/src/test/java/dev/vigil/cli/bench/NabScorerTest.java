package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabScorerTest {
    /** Two toy series of 1000 rows (probation 150): two windows in the first, one in the second. */
    private static final List<int[]> WINDOWS_A = List.of(new int[] {300, 349}, new int[] {700, 759});
    private static final List<int[]> WINDOWS_B = List.of(new int[] {500, 599});

    private static List<NabScorer.Series> corpus(double[] a, double[] b) {
        return List.of(new NabScorer.Series("a", a, WINDOWS_A), new NabScorer.Series("b", b, WINDOWS_B));
    }

    private static double[] flagAt(int... rows) {
        double[] scores = new double[1000];
        for (int r : rows) {
            scores[r] = 1.0;
        }
        return scores;
    }

    @Test
    void perfectDetectorScores100AndNullDetectorScores0UnderEveryProfile() {
        List<NabScorer.Series> perfect = corpus(flagAt(300, 700), flagAt(500));
        double[] half = new double[1000];
        Arrays.fill(half, 0.5);
        List<NabScorer.Series> nullDetector = corpus(half, half.clone());
        for (NabScorer.Profile profile : NabScorer.PROFILES) {
            NabScorer.Result best = NabScorer.score(perfect, profile);
            assertEquals(100.0, best.normalisedScore(), 1e-9, profile.name());
            assertEquals(3 * profile.tpWeight(), best.rawScore(), 1e-9);
            assertEquals(-3 * profile.fnWeight(), best.nullScore(), 1e-9);
            assertEquals(0.0, NabScorer.score(nullDetector, profile).normalisedScore(), 1e-9, profile.name());
        }
    }

    @Test
    void laterDetectionsAndFalsePositivesCostPoints() {
        double early = NabScorer.score(corpus(flagAt(305, 705), flagAt(510)), NabScorer.STANDARD).normalisedScore();
        double late = NabScorer.score(corpus(flagAt(345, 755), flagAt(595)), NabScorer.STANDARD).normalisedScore();
        double noisy = NabScorer.score(corpus(flagAt(305, 705, 200, 400, 900), flagAt(510, 200)), NabScorer.STANDARD)
                .normalisedScore();
        assertTrue(early > late && late > 0, early + " vs " + late);
        assertTrue(noisy < early, noisy + " vs " + early);
        // One window missed (of three): the standard profile gives about a third less than catching all.
        double missed = NabScorer.score(corpus(flagAt(300, 700), new double[1000]), NabScorer.STANDARD).normalisedScore();
        assertEquals(100.0 * 4 / 6, missed, 1e-9);
        // A false positive costs twice as much under reward_low_FP_rate as under standard.
        List<NabScorer.Series> oneFp = corpus(flagAt(300, 700, 200), flagAt(500));
        double standardLoss = 3 - NabScorer.score(oneFp, NabScorer.STANDARD).rawScore();
        double lowFpLoss = 3 - NabScorer.score(oneFp, NabScorer.REWARD_LOW_FP).rawScore();
        assertEquals(0.11, standardLoss, 1e-9);
        assertEquals(0.22, lowFpLoss, 1e-9);
    }

    @Test
    void aFixedThresholdScoresWhatTheSweepScoresThereAndNoMore() {
        var corpus = corpus(flagAt(305, 705, 200, 400, 900), flagAt(510, 200));
        for (NabScorer.Profile profile : NabScorer.PROFILES) {
            NabScorer.Result best = NabScorer.score(corpus, profile);
            NabScorer.Result fixed = NabScorer.scoreAt(corpus, profile, best.threshold());
            assertEquals(best.rawScore(), fixed.rawScore(), 1e-9, profile.name());
            assertEquals(best.normalisedScore(), fixed.normalisedScore(), 1e-9, profile.name());
            assertTrue(NabScorer.scoreAt(corpus, profile, 0.0).rawScore() < best.rawScore(), "flagging every row costs");
        }
        // Above every score nothing is flagged: each window counts as missed.
        assertEquals(-3.0, NabScorer.scoreAt(corpus, NabScorer.STANDARD, 2.0).rawScore(), 1e-9);
    }

    @Test
    void detectionsInTheProbationaryPeriodAreIgnored() {
        double base = NabScorer.score(corpus(flagAt(300, 700), flagAt(500)), NabScorer.STANDARD).rawScore();
        double withProbationFlags = NabScorer.score(corpus(flagAt(300, 700, 10, 100), flagAt(500, 149)), NabScorer.STANDARD)
                .rawScore();
        assertEquals(base, withProbationFlags, 1e-12);
    }

    @Test
    void probationAndSigmoidFollowNab() {
        assertEquals(150, NabScorer.probationLength(1000));
        assertEquals(750, NabScorer.probationLength(22695));
        assertEquals(0.98661, NabScorer.scaledSigmoid(-1.0), 1e-5);
        assertEquals(0.0, NabScorer.scaledSigmoid(0.0), 1e-12);
        assertEquals(-1.0, NabScorer.scaledSigmoid(3.0), 1e-12);
    }
}
