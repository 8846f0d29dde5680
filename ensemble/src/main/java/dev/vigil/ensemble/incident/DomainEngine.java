package dev.vigil.ensemble.incident;

import dev.vigil.avro.Alert;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.ab.LabelFeedback;
import dev.vigil.ensemble.fusion.Fused;
import dev.vigil.ensemble.fusion.Fusion;
import dev.vigil.ensemble.fusion.Weights;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.ensemble.state.Journal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The domain-wide stage: fuses each released entity window, holds anomalous ones for the correlation hold,
 * then judges each window's anomalous entities together: ignored entities never count; a bgp-peer window
 * with fewer affected peers than the minimum raises nothing; when at least the correlation minimum of
 * entities are anomalous in the windows that start within the correlation span up to this one, they form (or extend)
 * the domain's one correlated incident, naming them all (when one of them already has an open incident of its own, the
 * event began there: that incident becomes the correlated one, same id); otherwise each entity's own incident opens or
 * is updated, unless the domain's correlated incident is still going on, which it then joins. A window that is not
 * anomalous but meets the detectors' quorum keeps its entity's open incident going ({@link IncidentTracker#sustain}).
 * Quiet incidents close.
 * Labels feed back.
 *
 * <p>State: {@code t|<domain>} the domain's event clock (largest window end seen), plus that of the
 * {@link CorrelationBuffer}, {@link IncidentTracker} and {@link LabelFeedback} it drives.
 */
public final class DomainEngine {
    /** Rules that judge a window's anomalous entities. */
    public record Settings(IgnoreList ignore, String peerDomain, int minPeers, int minCorrelated,
                           Map<String, Integer> minCorrelatedByDomain, Duration correlationSpan, int topFeatures) {
        int minCorrelated(String domain) {
            return minCorrelatedByDomain.getOrDefault(domain, minCorrelated);
        }
    }

    /** What to publish: alerts (key alert id) and promotion requests (key model). */
    public record Output(List<Alert> alerts, List<RetrainRequest> promotions) {
        public static final Output NONE = new Output(List.of(), List.of());
    }

    public static final String IGNORED = "ignored";
    public static final String MIN_PEERS = "min-peers";
    public static final String FOLDED = "correlated";

    private final Journal journal;
    private final Fusion fusion;
    private final Weights weights;
    private final CorrelationBuffer buffer;
    private final IncidentTracker tracker;
    private final LabelFeedback feedback;
    private final AlertFactory alerts;
    private final Settings settings;
    private final EnsembleMetrics metrics;

    public DomainEngine(Journal journal, Fusion fusion, Weights weights, CorrelationBuffer buffer, IncidentTracker tracker,
                        LabelFeedback feedback, AlertFactory alerts, Settings settings, EnsembleMetrics metrics) {
        this.journal = journal;
        this.fusion = fusion;
        this.weights = weights;
        this.buffer = buffer;
        this.tracker = tracker;
        this.feedback = feedback;
        this.alerts = alerts;
        this.settings = settings;
        this.metrics = metrics;
    }

    public Output onWindow(WindowScores scores, long nowWall) {
        String domain = scores.domain();
        Long before = journal.get("t|" + domain, Long.class);
        long clock = advanceClock(domain, scores.windowEnd());
        var tallies = feedback.tallies(domain);
        Map<String, Integer> serving = new HashMap<>();
        scores.champion().forEach(r -> serving.put(r.detector(), r.modelVersion()));
        var weightOf = weights.forDomain(domain, tallies, serving);
        Fused fused = fusion.fuse(scores, weightOf);
        scores.champion().forEach(r -> metrics.weight(domain, r.detector(), weightOf.applyAsDouble(r.detector())));
        metrics.fused(domain, fused.anomalous());
        if (fused.variant() != null) {
            boolean armVerdict = "A".equals(fused.variant()) ? fused.anomalous() : Boolean.TRUE.equals(fused.challengerAnomalous());
            metrics.variantWindow(domain, fused.variant(), armVerdict);
        }
        List<RetrainRequest> promotions = feedback.onWindow(fused, nowWall);
        List<Incident> sustained = List.of();
        if (fused.anomalous()) {
            if (settings.ignore().ignores(scores.entity())) {
                metrics.suppressed(domain, IGNORED);
            } else {
                buffer.add(fused, nowWall);
            }
        } else if (fusion.agreed(fused) && !settings.ignore().ignores(scores.entity())) {
            sustained = tracker.sustain(new IncidentTracker.Observation(domain, scores.entity(), scores.entity(), fused,
                    List.of(scores.entity()), false, TopFeatures.of(scores.champion(), settings.topFeatures()), fused.combined()),
                    nowWall);
        }
        // Quiet periods can only have ended on event time when the clock moved; the tick handles the wall clock.
        boolean clockMoved = before == null || clock > before;
        List<Alert> out = new ArrayList<>(alerts.toAlerts(sustained, nowWall));
        out.forEach(metrics::alert);
        out.addAll(judgeAndClose(domain, clock, nowWall, clockMoved));
        return new Output(out, promotions);
    }

    public Output onLabel(LabelFeedback.LabelInput label, long nowWall) {
        return new Output(List.of(), feedback.onLabel(label, nowWall));
    }

    /** The wall-clock punctuation: holds and quiet periods that ran out on the wall clock, and forgetting. */
    public Output tick(long nowWall) {
        List<Alert> out = new ArrayList<>();
        for (var entry : journal.scan("t|", Long.class)) {
            String domain = entry.key().substring(2);
            long clock = entry.value();
            out.addAll(judgeAndClose(domain, clock, nowWall, true));
            buffer.forget(domain, clock);
            feedback.forget(domain, clock);
        }
        return new Output(out, List.of());
    }

    private List<Alert> judgeAndClose(String domain, long clock, long nowWall, boolean closeQuiet) {
        List<Incident> changed = new ArrayList<>();
        for (CorrelationBuffer.Window window : buffer.due(domain, clock, nowWall)) {
            changed.addAll(judge(window, nowWall));
        }
        if (closeQuiet) {
            changed.addAll(tracker.closeQuiet(domain, clock, nowWall));
        }
        List<Alert> out = alerts.toAlerts(changed, nowWall);
        out.forEach(metrics::alert);
        return out;
    }

    private List<Incident> judge(CorrelationBuffer.Window window, long nowWall) {
        String domain = window.domain();
        List<String> entities = window.allEntities();
        if (window.members().isEmpty()) {
            return List.of();
        }
        if (domain.equals(settings.peerDomain()) && BgpPeers.distinctPeers(entities) < settings.minPeers()) {
            window.members().forEach(m -> metrics.suppressed(domain, MIN_PEERS));
            return List.of();
        }
        List<Incident> changed = new ArrayList<>();
        List<String> involved = involved(window, entities);
        if (involved.size() >= settings.minCorrelated(domain)) {
            Fused strongest = window.members().stream().max(Comparator.comparingDouble(Fused::combined)).orElseThrow();
            List<Reading> readings = window.members().stream().flatMap(m -> m.scores().champion().stream()).toList();
            var observation = new IncidentTracker.Observation(domain, Incident.CORRELATED, Incident.CORRELATED + ":" + domain,
                    strongest, involved, true, TopFeatures.of(readings, settings.topFeatures()), strongest.combined());
            changed.addAll(record(observation, nowWall));
            window.members().forEach(m -> metrics.suppressed(domain, FOLDED));
            return changed;
        }
        for (Fused member : window.members()) {
            // While the domain's storm goes on, an entity that joins it late is part of it, not an incident of its own.
            boolean joinsStorm = tracker.continues(domain, Incident.CORRELATED, member.windowStart());
            String key = joinsStorm ? Incident.CORRELATED : member.entity();
            String entity = joinsStorm ? Incident.CORRELATED + ":" + domain : member.entity();
            var observation = new IncidentTracker.Observation(domain, key, entity, member, List.of(member.entity()), joinsStorm,
                    TopFeatures.of(member.scores().champion(), settings.topFeatures()), member.combined());
            changed.addAll(record(observation, nowWall));
            if (joinsStorm) {
                metrics.suppressed(domain, FOLDED);
            }
        }
        return changed;
    }

    /**
     * Entities anomalous in this window and in the domain's windows judged before it that start within the correlation
     * span: one event reaches entities a few windows apart (a BGP storm, a change rolled out to many services).
     */
    private List<String> involved(CorrelationBuffer.Window window, List<String> windowEntities) {
        if (settings.correlationSpan().isZero()) {
            return windowEntities;
        }
        var recent = new java.util.TreeSet<>(windowEntities);
        recent.addAll(buffer.entitiesJudgedSince(window.domain(), window.windowStart() - settings.correlationSpan().toMillis()));
        return List.copyOf(recent);
    }

    private List<Incident> record(IncidentTracker.Observation observation, long nowWall) {
        IncidentTracker.Outcome outcome = tracker.observe(observation, nowWall);
        if (outcome.suppressedBy() != null) {
            metrics.suppressed(observation.domain(), outcome.suppressedBy());
        }
        return outcome.changed();
    }

    /** The domain's event clock after a window ending at {@code windowEnd}. */
    private long advanceClock(String domain, long windowEnd) {
        Long clock = journal.get("t|" + domain, Long.class);
        if (clock == null || windowEnd > clock) {
            journal.put("t|" + domain, windowEnd);
            return windowEnd;
        }
        return clock;
    }
}
