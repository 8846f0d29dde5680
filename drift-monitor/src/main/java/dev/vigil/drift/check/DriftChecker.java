package dev.vigil.drift.check;

import dev.vigil.avro.DriftReport;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.drift.PolicySettings;
import dev.vigil.drift.state.ModelState;
import dev.vigil.drift.state.WindowCounts;
import dev.vigil.kit.config.ConfigException;
import dev.vigil.kit.config.VigilConfig;
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
 * windows, and the retrain decision: at most {@code maxRequestsPerEpisode} requests per confirmed episode, none in
 * cooldown.
 *
 * <p>An episode is a run of confirmed windows; it ends with a clean window (the tracker's run resets) or
 * when a new production version replaces the drifted one. An episode confirmed during the cooldown sends
 * its request at its first confirmed window after the cooldown. An episode that outlasts the cooldown after its
 * request, with the drifted version still serving (the retrain was refused or failed), may send another: soon after
 * a change of regime the retrainer has only a few hours of the new regime to learn from, and its candidates can fail
 * validation where a retrain hours later, with more of the new regime, passes (in the demo the services' forest and
 * rules kept flagging a quarter of the new regime's windows for the rest of the run after one refused retrain).
 */
public final class DriftChecker {
    /** Configuration key of the most requests one episode may send. */
    public static final String MAX_REQUESTS_PER_EPISODE = "vigil.drift.max.requests.per.episode";
    /** Requests one episode may send by default: the first, and one more after a cooldown if nothing replaced the model. */
    public static final int DEFAULT_MAX_REQUESTS_PER_EPISODE = 2;

    private final PolicySettings policy;
    private final Duration cooldown;
    private final int maxRequestsPerEpisode;

    public DriftChecker(PolicySettings policy, Duration cooldown) {
        this(policy, cooldown, DEFAULT_MAX_REQUESTS_PER_EPISODE);
    }

    public DriftChecker(PolicySettings policy, Duration cooldown, int maxRequestsPerEpisode) {
        if (maxRequestsPerEpisode < 1) {
            throw new ConfigException(MAX_REQUESTS_PER_EPISODE + " must be at least 1, not " + maxRequestsPerEpisode);
        }
        this.policy = policy;
        this.cooldown = cooldown;
        this.maxRequestsPerEpisode = maxRequestsPerEpisode;
    }

    /** The checker the app runs: its policy and {@link #MAX_REQUESTS_PER_EPISODE} from the configuration. */
    public static DriftChecker from(VigilConfig config, Duration cooldown) {
        return new DriftChecker(PolicySettings.from(config), cooldown,
                config.getInt(MAX_REQUESTS_PER_EPISODE, DEFAULT_MAX_REQUESTS_PER_EPISODE));
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
        int sent = episodeStart == null ? 0 : current.requestsThisEpisode();
        Long lastRequestAt = current.lastRequestAt();
        Optional<RetrainRequest> request = Optional.empty();
        if (persistence.confirmed() && sent == 0 && policy.learnsOnline(in.model(), in.domain())) {
            reasons.add("retrain not requested: " + in.model() + " learns online and has no trained versions");
        } else if (persistence.confirmed() && sent < maxRequestsPerEpisode) {
            long end = in.windowEnd().toEpochMilli();
            if (lastRequestAt != null && end < lastRequestAt + cooldown.toMillis()) {
                Instant until = Instant.ofEpochMilli(lastRequestAt + cooldown.toMillis());
                reasons.add(sent == 0 ? "retrain not requested: cooldown until " + until
                        : "retrain already requested for this episode; another after the cooldown (" + until
                        + ") if the drifted version still serves");
            } else {
                request = Optional.of(RequestBuilder.build(in, decision, episodeStart, sent + 1, checkedAt));
                reasons.add(sent == 0 ? "retrain requested: " + request.get().getRequestId()
                        : "retrain requested again (request " + (sent + 1) + " of at most " + maxRequestsPerEpisode
                        + " for this episode; the drifted version still serves): " + request.get().getRequestId());
                sent++;
                lastRequestAt = end;
            }
        } else if (persistence.confirmed()) {
            reasons.add("retrain already requested for this episode");
        }

        ModelState next = new ModelState(current.model(), current.domain(), current.nextWindowStart(),
                persistence.consecutiveWindows(), in.productionVersion().orElse(null), episodeStart,
                episodeStart != null && sent > 0, lastRequestAt, current.referenceFrom(), current.scoreFrom(),
                episodeStart == null ? 0 : sent);
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
                false, state.lastRequestAt(), referenceFrom, windowStart + windowSize, 0);
    }
}
