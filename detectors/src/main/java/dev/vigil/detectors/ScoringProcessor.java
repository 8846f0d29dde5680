package dev.vigil.detectors;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.kit.deadletter.DeadLetters;
import dev.vigil.models.adaptive.AdaptiveState;
import dev.vigil.registry.ModelKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scores each vector with the serving models of its domain, forwards one {@link DetectorScore} per
 * (vector, model role), and appends the vector to its entity's history. Every second (wall clock) it also
 * refuses versions whose artifacts never arrived and forwards refusal reports as {@link DeadLetter}s for
 * {@code model.versions.dlq}, inside the task's transaction like everything else it writes.
 *
 * <p>Kafka Streams re-initialises this same instance after a task is revived (e.g. its exactly-once
 * transaction aborted): the stores are back at their last committed state and {@link #init} runs again.
 * The processor keeps no scoring state of its own (entity history is in the store; the serving models and
 * canary rows belong to the instance, not to a task, and are not part of any transaction, see
 * {@link DetectorsTopology}). What it must repair is what the aborted transaction took with it: refusal
 * reports it forwarded but that were never committed go back to the reloader, and the housekeeping
 * punctuation scheduled by the previous init is cancelled (Streams keeps a revived task's punctuations).
 */
final class ScoringProcessor implements Processor<String, FeatureVector, String, SpecificRecord> {
    private final ServingModels serving;
    private final ModelReloader reloader;
    private final CanarySet canaries;
    private final VectorScorer scorer;
    private final DetectorsSettings settings;
    private final String historyStore;
    private final String refusalStore;
    private final String adaptiveStore;
    private final AdaptiveScorer adaptive;
    private final String appName;
    private final String versionsTopic;
    private final Clock clock;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, EntityHistory> history;
    /** Each entity's adaptive detector state (see {@link AdaptiveScorer}); null when that detector is off. */
    private KeyValueStore<String, byte[]> adaptiveStates;
    /** Refusals reported by this task, key {@code <model>/<version>}, value {@link #stamp}: committed with the reports. */
    private KeyValueStore<String, String> reportedRefusals;
    /** Refusals this instance forwarded since its last init, not known to be committed. */
    private final List<Refusal> unconfirmed = new ArrayList<>();
    private Cancellable housekeepingSchedule;
    private Cancellable expirySchedule;

    ScoringProcessor(ModelReloader reloader, CanarySet canaries, VectorScorer scorer, DetectorsSettings settings,
                     String historyStore, String refusalStore, String adaptiveStore, String appName, String versionsTopic,
                     Clock clock) {
        this.serving = reloader.serving();
        this.reloader = reloader;
        this.canaries = canaries;
        this.scorer = scorer;
        this.settings = settings;
        this.historyStore = historyStore;
        this.refusalStore = refusalStore;
        this.adaptiveStore = adaptiveStore;
        this.adaptive = settings.adaptive() ? new AdaptiveScorer(settings.adaptiveSettings()) : null;
        this.appName = appName;
        this.versionsTopic = versionsTopic;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.history = context.getStateStore(historyStore);
        this.reportedRefusals = context.getStateStore(refusalStore);
        reportAgainWhatWasNotCommitted();
        reloader.activate();
        if (housekeepingSchedule != null) {
            housekeepingSchedule.cancel();
        }
        housekeepingSchedule = context.schedule(settings.reportInterval(), PunctuationType.WALL_CLOCK_TIME,
                now -> housekeeping());
        if (adaptive != null) {
            this.adaptiveStates = context.getStateStore(adaptiveStore);
            if (expirySchedule != null) {
                expirySchedule.cancel();
            }
            expirySchedule = context.schedule(EXPIRY_SCAN, PunctuationType.STREAM_TIME, this::expireSilentEntities);
        }
    }

    /** How often (stream time) entities silent for longer than the expiry lose their adaptive state. */
    static final Duration EXPIRY_SCAN = Duration.ofHours(1);

    private void expireSilentEntities(long streamTime) {
        long cutoff = streamTime - settings.adaptiveExpiry().toMillis();
        List<String> silent = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = adaptiveStates.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (entry.value == null || entry.value.length < 20 || AdaptiveState.lastWindowStartOf(entry.value) < cutoff) {
                    silent.add(entry.key);
                }
            }
        }
        silent.forEach(adaptiveStates::delete);
    }

    /**
     * The refusals forwarded since the last init whose store entry is missing now were in a transaction that
     * aborted (the store is back at its last commit): the reloader gets them back, so some task reports
     * them again. Those with their entry were committed and are done.
     */
    private void reportAgainWhatWasNotCommitted() {
        for (Refusal refusal : unconfirmed) {
            if (!stamp(refusal).equals(reportedRefusals.get(reportKey(refusal)))) {
                reloader.reportAgain(refusal);
            }
        }
        unconfirmed.clear();
    }

    @Override
    public void process(Record<String, FeatureVector> record) {
        FeatureVector vector = record.value();
        String entity = vector.getEntity();
        List<String> names = vector.getFeatureNames();
        long windowStart = vector.getWindowStart().toEpochMilli();
        EntityHistory past = history.get(entity);
        past = past == null ? EntityHistory.EMPTY : past;
        List<ModelSlot> slots = serving.slots(vector.getDomain());
        // The adaptive score goes first: the ensemble releases a window as soon as every model the registry announced
        // has reported, and the adaptive detector is not announced, so a score of it arriving later would miss the fusion.
        if (adaptive != null && settings.adaptiveScores(vector.getDomain())) {
            AdaptiveScorer.Outcome outcome = adaptive.score(vector, adaptiveStates.get(entity), clock.instant());
            context.forward(new Record<String, SpecificRecord>(record.key(), outcome.score(), record.timestamp(), record.headers()));
            if (outcome.state() != null) {
                adaptiveStates.put(entity, outcome.state().encode());
            }
        }
        List<DetectorScore> scores = scorer.score(vector, past.before(windowStart, names), slots, clock.instant());
        for (DetectorScore score : scores) {
            context.forward(new Record<String, SpecificRecord>(record.key(), score, record.timestamp(), record.headers()));
        }
        double[] values = VectorScorer.toArray(vector.getValues());
        int keep = Math.max(settings.historyWindows(), serving.longestHistory());
        history.put(entity, past.append(windowStart, names, values, keep));
        // Memory only: a vector of an aborted transaction may stay among the canary rows, which only sanity-check new models.
        canaries.offer(vector.getDomain(), names, values);
    }

    private void housekeeping() {
        reloader.expireWaiting(settings.artifactWait());
        for (Refusal refusal : reloader.drainRefusals()) {
            String key = reportKey(refusal);
            DeadLetter letter = refusal.report(appName, versionsTopic);
            Instant now = clock.instant();
            context.forward(new Record<String, SpecificRecord>(key, letter, now.toEpochMilli(), DeadLetters.headers(letter)));
            reportedRefusals.put(key, stamp(refusal));
            unconfirmed.add(refusal);
        }
    }

    private static String reportKey(Refusal refusal) {
        return ModelKeys.version(refusal.model(), refusal.version());
    }

    /** Tells one refusal of a version from an earlier one (e.g. refused again after a restart). */
    private static String stamp(Refusal refusal) {
        return refusal.stage().tag() + "@" + refusal.at();
    }
}
