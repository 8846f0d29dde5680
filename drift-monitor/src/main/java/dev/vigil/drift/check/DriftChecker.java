package dev.vigil.drift.check;

import dev.vigil.avro.DriftReport;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.drift.PolicySettings;
import dev.vigil.drift.state.ModelState;
import dev.vigil.drift.state.WindowCounts;
import dev.vigil.sketches.AlertRateChange;
import dev.vigil.sketches.ConfusionCounts;
import dev.vigil.sketches.DriftDecision;
import dev.vigil.sketches.ExpectedPerformance;
import dev.vigil.sketches.FeatureDrift;
import dev.vigil.sketches.Persistence;
import dev.vigil.sketches.PersistenceTracker;
import dev.vigil.sketches.PerformanceDrift;
import dev.vigil.sketches.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One drift check of one model's window, with no Kafka types: statistics per feature and for the score,
 * alert rate and label performance judged by the sketches library's policy, persistence over consecutive
 * windows, and the retrain decision: at most one request per confirmed episode, none in cooldown.
 *
 * <p>An episode is a run of confirmed windows; it ends with a clean window (the tracker's run resets) or
 * when a new production version replaces the drifted one. An episode confirmed during the cooldown sends
 * its request at its first confirmed window after the cooldown.
 */
public final class DriftChecker {
    private final PolicySettings policy;
    private final Duration cooldown;

    public DriftChecker(PolicySettings policy, Duration cooldown) {
        this.policy = policy;
        this.cooldown = cooldown;
    }

    public CheckOutcome check(CheckInput in, ModelState state, Instant checkedAt) {
        long size = in.windowEnd().toEpochMilli() - in.windowStart().toEpochMilli();
        ModelState current = track(state, in.productionVersion().orElse(null), in.windowStart().toEpochMilli(), size);
        DriftDecision decision = decide(in);
        PersistenceTracker tracker = new PersistenceTracker(policy.requiredWindows(), policy.confirmingSeverity());
        tracker.restore(current.consecutive());
        Persistence persistence = tracker.observe(decision);

        List<String> reasons = new ArrayList<>(decision.reasons());
        if (!in.referenceNote().isEmpty()) {
            reasons.add(1, in.referenceNote());
        }
        reasons.addAll(persistence.reasons());
        if (current != state && (state.trackedVersion() != null || state.consecutive() > 0)) {
            reasons.add("production version is now " + in.productionVersion().map(v -> "v" + v).orElse("none")
                    + ": persistence and episode start over");
        }
        Long episodeStart = episodeStart(current, persistence, decision, in);
        boolean requested = episodeStart != null && current.episodeRequested();
        Long lastRequestAt = current.lastRequestAt();
        Optional<RetrainRequest> request = Optional.empty();
        if (persistence.confirmed() && !requested && policy.learnsOnline(in.model(), in.domain())) {
            reasons.add("retrain not requested: " + in.model() + " learns online and has no trained versions");
        } else if (persistence.confirmed() && !requested) {
            long end = in.windowEnd().toEpochMilli();
            if (lastRequestAt != null && end < lastRequestAt + cooldown.toMillis()) {
                reasons.add("retrain not requested: cooldown until " + Instant.ofEpochMilli(lastRequestAt + cooldown.toMillis()));
            } else {
                request = Optional.of(RequestBuilder.build(in, decision, episodeStart, checkedAt));
                reasons.add("retrain requested: " + request.get().getRequestId());
                requested = true;
                lastRequestAt = end;
            }
        } else if (persistence.confirmed()) {
            reasons.add("retrain already requested for this episode");
        }

        ModelState next = new ModelState(current.model(), current.domain(), current.nextWindowStart(),
                persistence.consecutiveWindows(), in.productionVersion().orElse(null), episodeStart,
                episodeStart != null && requested, lastRequestAt, current.referenceFrom(), current.scoreFrom());
        DriftReport report = ReportBuilder.build(in, decision, persistence, request.isPresent(), reasons, checkedAt);
        return new CheckOutcome(report, request, next);
    }

    /**
     * Judges every part of the window with the library's policy and checks. Ignored features are compared
     * too, so the report shows their statistics, but the policy never sees them: they take no part in the
     * severity, the broad-drift share, the worst feature or the request's figures, and report severity NONE.
     */
    DriftDecision decide(CheckInput in) {
        List<FeatureDrift> features = new ArrayList<>(in.features().size());
        List<FeatureDrift> judged = new ArrayList<>(in.features().size());
        List<String> ignored = new ArrayList<>();
        for (SketchPair pair : in.features()) {
            FeatureDrift drift = policy.policy().assess(pair.name(), pair.baseline(), pair.window(), pair.designEffect(),
                    pair.spread());
            if (policy.ignores(pair.name())) {
                ignored.add(pair.name());
                drift = new FeatureDrift(drift.name(), drift.comparison(), Severity.NONE, drift.assessed(),
                        List.of(drift.name() + ": excluded from drift decisions"));
            } else {
                judged.add(drift);
            }
            features.add(drift);
        }
        FeatureDrift score = in.score()
                .map(p -> policy.policy().assess(p.name(), p.baseline(), p.window(), p.designEffect(), p.spread()))
                .orElse(null);
        DriftDecision d = policy.policy().decide(judged, score, alertRate(in), performance(in));
        if (ignored.isEmpty()) {
            return d;
        }
        List<String> reasons = new ArrayList<>(d.reasons());
        reasons.add("not judged (" + PolicySettings.IGNORE_FEATURES + "): " + String.join(", ", ignored));
        return new DriftDecision(d.severity(), d.decided(), features, d.score(), d.alertRate(), d.performance(),
                d.assessedFeatures(), d.driftedShare(), d.worstFeature(), reasons);
    }

    private AlertRateChange alertRate(CheckInput in) {
        WindowCounts w = in.window();
        double expected = in.expectedAlertRate().orElse(Double.NaN);
        // Windows labelled anomalous are known incidents, not a change of normal behaviour: left out.
        long scored = w.scored() - w.truePositives() - w.falseNegatives();
        long alerts = w.anomalous() - w.truePositives();
        if (scored <= 0 || !(expected > 0 && expected < 1)) {
            return null;
        }
        return policy.alertRate().assess(alerts, scored, expected, in.alertDesignEffect(),
                policy.policy().thresholds().falseDiscoveryRate());
    }

    private PerformanceDrift performance(CheckInput in) {
        WindowCounts h = in.horizon();
        if (h.labelled() == 0 || in.validation().isEmpty()) {
            return null;
        }
        return policy.performance().assess(confusion(h), ExpectedPerformance.fromValidation(in.validation()));
    }

    static ConfusionCounts confusion(WindowCounts counts) {
        return new ConfusionCounts(counts.truePositives(), counts.falsePositives(), counts.trueNegatives(),
                counts.falseNegatives());
    }

    /**
     * The current episode's start after this window: kept while the run lasts (or the window said nothing),
     * set to the run's first window when drift is first confirmed, cleared when the run resets.
     */
    private Long episodeStart(ModelState state, Persistence persistence, DriftDecision decision, CheckInput in) {
        if (!decision.decided()) {
            return state.episodeStart();
        }
        if (!persistence.confirmed()) {
            return persistence.consecutiveWindows() == 0 ? null : state.episodeStart();
        }
        if (state.episodeStart() != null) {
            return state.episodeStart();
        }
        long size = in.windowEnd().toEpochMilli() - in.windowStart().toEpochMilli();
        return in.windowStart().toEpochMilli() - (long) (persistence.consecutiveWindows() - 1) * size;
    }

    /**
     * The state for checking a window under the given production version. A new version is judged afresh
     * (the cooldown still counts from the last request); its score is compared only with windows it scored
     * from the next one on; and when it follows a retrain request of a confirmed drift, the features'
     * reference starts at that drift's first window, since what came before is the old regime.
     */
    public static ModelState track(ModelState state, Integer productionVersion, long windowStart, long windowSize) {
        if (java.util.Objects.equals(state.trackedVersion(), productionVersion)) {
            return state;
        }
        Long referenceFrom = state.episodeRequested() && state.episodeStart() != null
                ? state.episodeStart() : state.referenceFrom();
        return new ModelState(state.model(), state.domain(), state.nextWindowStart(), 0, productionVersion, null,
                false, state.lastRequestAt(), referenceFrom, windowStart + windowSize);
    }
}
