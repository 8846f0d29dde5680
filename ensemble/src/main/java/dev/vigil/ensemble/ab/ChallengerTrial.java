package dev.vigil.ensemble.ab;

import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The champion/challenger trial of one domain: labelled windows of arm A counted with the champion's
 * verdict, those of arm B with the challenger's, until a significance test names a winner. A trial is
 * tied to the exact versions on both sides ({@link #keyOf}); when either changes, a new trial starts.
 *
 * @param decision null while running, else the winning arm (A or B)
 */
public record ChallengerTrial(String trialKey, long aCorrect, long aWrong, long bCorrect, long bWrong, String decision) {
    /** The outcome of a decided trial. */
    public record Decision(Variant winner, double pValue, String method, double championAccuracy, double challengerAccuracy,
                           long championLabelled, long challengerLabelled) {
    }

    public static ChallengerTrial start(String trialKey) {
        return new ChallengerTrial(trialKey, 0, 0, 0, 0, null);
    }

    /** The versions compared: champion version tags, then challenger version tags. */
    public static String keyOf(WindowScores scores) {
        return tags(scores.champion()) + " vs " + tags(scores.challenger());
    }

    private static String tags(java.util.List<Reading> readings) {
        return readings.stream().map(Reading::versionTag).sorted().collect(Collectors.joining(","));
    }

    /** With one more labelled window of an arm, judged correct or not against its label. */
    public ChallengerTrial count(Variant variant, boolean correct) {
        if (variant == Variant.A) {
            return new ChallengerTrial(trialKey, aCorrect + (correct ? 1 : 0), aWrong + (correct ? 0 : 1), bCorrect, bWrong, decision);
        }
        return new ChallengerTrial(trialKey, aCorrect, aWrong, bCorrect + (correct ? 1 : 0), bWrong + (correct ? 0 : 1), decision);
    }

    public ChallengerTrial decided(Variant winner) {
        return new ChallengerTrial(trialKey, aCorrect, aWrong, bCorrect, bWrong, winner.name());
    }

    public boolean isDecided() {
        return decision != null;
    }

    public long labelled(Variant variant) {
        return variant == Variant.A ? aCorrect + aWrong : bCorrect + bWrong;
    }

    /**
     * A winner, once each arm has at least {@code minPerArm} labelled windows and the difference of their
     * accuracies is significant at {@code alpha}; empty while undecided or already decided.
     */
    public Optional<Decision> decide(long minPerArm, double alpha) {
        if (isDecided() || labelled(Variant.A) < minPerArm || labelled(Variant.B) < minPerArm) {
            return Optional.empty();
        }
        SignificanceTest.Result test = SignificanceTest.compare(aCorrect, aWrong, bCorrect, bWrong);
        if (test.pValue() >= alpha) {
            return Optional.empty();
        }
        double champion = aCorrect / (double) labelled(Variant.A);
        double challenger = bCorrect / (double) labelled(Variant.B);
        Variant winner = challenger > champion ? Variant.B : Variant.A;
        return Optional.of(new Decision(winner, test.pValue(), test.method(), champion, challenger, labelled(Variant.A),
                labelled(Variant.B)));
    }
}
