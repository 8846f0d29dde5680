package dev.vigil.ensemble.ab;

import dev.vigil.avro.RetrainRequest;
import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.fusion.DetectorTallies;
import dev.vigil.ensemble.fusion.Fused;
import dev.vigil.ensemble.state.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What labels teach the ensemble. Each fused window is kept for the retention time; when its label arrives
 * (or arrived first and was waiting), the window counts once: every champion detector's verdict goes into
 * the domain's {@link DetectorTallies} (learned weights), and, in a champion/challenger trial, the verdict of
 * the window's arm goes into the {@link ChallengerTrial}, which may name a winner and ask for a promotion.
 *
 * <p>Windows that the champion or the challenger found anomalous (those analysts label, as alerts) are kept
 * for the longer anomalous retention, every other window for the shorter retention; both are kept without
 * their top features.
 *
 * <p>State: {@code v|<domain>|<start>|<entity>} anomalous windows, {@code w|<domain>|<start>|<entity>} other
 * windows and labels that arrived before their window, {@code l|<domain>} tallies, {@code a|<domain>} the
 * current trial.
 */
public final class LabelFeedback {
    /** A window or a label waiting for its counterpart. */
    public record Slot(long windowStart, Fused window, Boolean label) {
    }

    /** A label, reduced to what matching needs. */
    public record LabelInput(String entity, String domain, long windowStart, boolean anomalous) {
    }

    private static final String ANOMALOUS = "v|";
    private static final String OTHER = "w|";

    private final Journal journal;
    private final long retentionMillis;
    private final long anomalousRetentionMillis;
    private final long minPerArm;
    private final double alpha;
    private final EnsembleMetrics metrics;

    public LabelFeedback(Journal journal, Duration retention, Duration anomalousRetention, long minPerArm, double alpha,
                         EnsembleMetrics metrics) {
        this.journal = journal;
        this.retentionMillis = retention.toMillis();
        this.anomalousRetentionMillis = Math.max(retention.toMillis(), anomalousRetention.toMillis());
        this.minPerArm = minPerArm;
        this.alpha = alpha;
        this.metrics = metrics;
    }

    public DetectorTallies tallies(String domain) {
        DetectorTallies t = journal.get("l|" + domain, DetectorTallies.class);
        return t == null ? DetectorTallies.EMPTY : t;
    }

    public ChallengerTrial trial(String domain) {
        return journal.get("a|" + domain, ChallengerTrial.class);
    }

    /** Keeps a fused window for its label; starts a new trial when the versions compared have changed. */
    public List<RetrainRequest> onWindow(Fused window, long nowWall) {
        if (window.variant() != null) {
            String key = ChallengerTrial.keyOf(window.scores());
            ChallengerTrial trial = trial(window.domain());
            if (trial == null || !trial.trialKey().equals(key)) {
                journal.put("a|" + window.domain(), ChallengerTrial.start(key));
            }
        }
        String waiting = slotKey(OTHER, window.domain(), window.windowStart(), window.entity());
        Slot slot = journal.get(waiting, Slot.class);
        if (slot != null && slot.label() != null) {
            journal.delete(waiting);
            return learn(window, slot.label(), nowWall);
        }
        String prefix = window.anyAnomalous() ? ANOMALOUS : OTHER;
        journal.put(slotKey(prefix, window.domain(), window.windowStart(), window.entity()),
                new Slot(window.windowStart(), window.compact(), null));
        return List.of();
    }

    public List<RetrainRequest> onLabel(LabelInput label, long nowWall) {
        for (String prefix : List.of(ANOMALOUS, OTHER)) {
            String key = slotKey(prefix, label.domain(), label.windowStart(), label.entity());
            Slot slot = journal.get(key, Slot.class);
            if (slot != null && slot.window() != null) {
                journal.delete(key);
                metrics.label(label.domain(), true);
                return learn(slot.window(), label.anomalous(), nowWall);
            }
        }
        // The label came before its window was fused (a replay writes both at once): wait for the window.
        journal.put(slotKey(OTHER, label.domain(), label.windowStart(), label.entity()),
                new Slot(label.windowStart(), null, label.anomalous()));
        metrics.label(label.domain(), false);
        return List.of();
    }

    private List<RetrainRequest> learn(Fused window, boolean anomalous, long nowWall) {
        String domain = window.domain();
        journal.put("l|" + domain, tallies(domain).learn(window.scores().champion(), anomalous));
        ChallengerTrial trial = trial(domain);
        if (window.variant() == null || trial == null || trial.isDecided()
                || !trial.trialKey().equals(ChallengerTrial.keyOf(window.scores()))) {
            return List.of();
        }
        Variant variant = Variant.valueOf(window.variant());
        boolean verdict = variant == Variant.A ? window.anomalous() : Boolean.TRUE.equals(window.challengerAnomalous());
        trial = trial.count(variant, verdict == anomalous);
        metrics.variantLabelled(domain, variant.name(), verdict == anomalous);
        var decision = trial.decide(minPerArm, alpha);
        List<RetrainRequest> promotions = List.of();
        if (decision.isPresent()) {
            trial = trial.decided(decision.get().winner());
            metrics.trialDecided(domain, decision.get().winner().name());
            if (decision.get().winner() == Variant.B) {
                promotions = PromotionRequests.forWinner(window.scores(), decision.get(), Instant.ofEpochMilli(nowWall));
                metrics.promotionRequested(domain);
            }
        }
        journal.put("a|" + domain, trial);
        return promotions;
    }

    /** Forgets windows and labels older than their retention. */
    public void forget(String domain, long eventClock) {
        journal.deleteWhile(OTHER + domain + "|", Slot.class, slot -> slot.windowStart() + retentionMillis <= eventClock);
        journal.deleteWhile(ANOMALOUS + domain + "|", Slot.class,
                slot -> slot.windowStart() + anomalousRetentionMillis <= eventClock);
    }

    private static String slotKey(String prefix, String domain, long windowStart, String entity) {
        return prefix + domain + "|" + Journal.time(windowStart) + "|" + entity;
    }
}
