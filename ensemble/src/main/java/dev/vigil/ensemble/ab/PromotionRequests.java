package dev.vigil.ensemble.ab;

import dev.vigil.avro.RetrainRequest;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A challenger that won its trial asks to be promoted with a {@link RetrainRequest} on
 * {@code retrain.requests}, one per challenger model, so the registry's only writer (the retrainer) makes
 * the stage change and no second writer of {@code model.versions} exists. Such a request is marked by its
 * first reason, {@value #REASON}, and carries the trial in {@code driftFigures}: {@code ab.challenger.version}
 * (the version to promote), {@code ab.champion.version}, {@code ab.p.value}, {@code ab.champion.accuracy},
 * {@code ab.challenger.accuracy}, {@code ab.champion.labelled}, {@code ab.challenger.labelled}. Its id,
 * {@code promote:<model>:v<version>}, is the same on every retry, so duplicates merge.
 */
public final class PromotionRequests {
    public static final String REASON = "promote-challenger";
    public static final String REQUESTER = "ensemble";

    private PromotionRequests() {
    }

    public static List<RetrainRequest> forWinner(WindowScores trialWindow, ChallengerTrial.Decision decision, Instant now) {
        List<RetrainRequest> out = new ArrayList<>();
        for (Reading challenger : trialWindow.challenger()) {
            Integer championVersion = trialWindow.champion().stream().filter(r -> r.modelName().equals(challenger.modelName()))
                    .map(Reading::modelVersion).findFirst().orElse(null);
            Map<String, Double> figures = new TreeMap<>();
            figures.put("ab.challenger.version", (double) challenger.modelVersion());
            if (championVersion != null) {
                figures.put("ab.champion.version", (double) championVersion);
            }
            figures.put("ab.p.value", decision.pValue());
            figures.put("ab.champion.accuracy", decision.championAccuracy());
            figures.put("ab.challenger.accuracy", decision.challengerAccuracy());
            figures.put("ab.champion.labelled", (double) decision.championLabelled());
            figures.put("ab.challenger.labelled", (double) decision.challengerLabelled());
            String why = String.format(Locale.ROOT,
                    "challenger %s v%d beat the champion on labelled windows: accuracy %.3f (n=%d) vs %.3f (n=%d), p=%.4g (%s)",
                    challenger.modelName(), challenger.modelVersion(), decision.challengerAccuracy(), decision.challengerLabelled(),
                    decision.championAccuracy(), decision.championLabelled(), decision.pValue(), decision.method());
            out.add(RetrainRequest.newBuilder()
                    .setRequestId("promote:" + challenger.modelName() + ":v" + challenger.modelVersion())
                    .setModel(challenger.modelName()).setDomain(trialWindow.domain())
                    .setReasons(List.of(REASON, why)).setDriftFigures(figures).setSeverity(null)
                    .setRequester(REQUESTER).setForce(false).setRequestedAt(now).build());
        }
        return out;
    }
}
