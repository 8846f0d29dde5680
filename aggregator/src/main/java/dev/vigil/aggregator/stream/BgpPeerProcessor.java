package dev.vigil.aggregator.stream;

import dev.vigil.aggregator.bgp.BgpUpdateClassifier;
import dev.vigil.aggregator.bgp.OriginNames;
import dev.vigil.aggregator.bgp.OriginWindowFeatures;
import dev.vigil.aggregator.bgp.PeerNames;
import dev.vigil.aggregator.bgp.PeerWindowFeatures;
import dev.vigil.aggregator.bgp.StateKeys;
import dev.vigil.aggregator.bgp.UpdateFacts;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.schemas.Entities;
import dev.vigil.ingest.net.Prefix;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-peer BGP windows. Each update is classified against its (peer, prefix) state, added to the peer's window
 * ({@code bgp-peer} vector on close) and to a per-origin partial of this task; on close the partials go on, keyed
 * by origin, to be merged across tasks by {@link BgpOriginProcessor}, followed by a closed marker to every origin
 * partition (also sent with the first record, so the origin side knows of this task before it closes anything). Input must be keyed by peer (see
 * {@link Entities#peer}) so that one peer's updates stay in order in one task: nothing is re-keyed per update.
 * Expired prefix states are deleted a batch at a time at each window close. Each peer vector carries the 48 UFAM
 * features and the same relative to the peer's own rolling baseline ({@link PeerBaselines}).
 */
final class BgpPeerProcessor extends WindowedProcessor<BgpUpdate, PeerWindowFeatures> {
    static final Codec<PeerWindowFeatures> PEER_CODEC = Codec.of(PeerWindowFeatures::new, PeerWindowFeatures::encode, PeerWindowFeatures::decode);

    private final AggregatorSettings settings;
    private final MeterRegistry metrics;
    private final BgpUpdateClassifier classifier;
    private final PeerNames peers = new PeerNames();
    private final Codec<OriginWindowFeatures> partialCodec;
    private final OriginNames originNames = new OriginNames();
    private final AtomicLong storedStates = new AtomicLong();
    private KeyValueStore<Bytes, byte[]> prefixes;
    private PeerBaselines baselines;
    private WindowedAccumulators<OriginWindowFeatures> origins;
    private Counter capHits;
    private long reportedCapHits;
    private byte[] sweepCursor;
    private long lastSweepPassEnd = Long.MIN_VALUE / 2;
    private boolean sawInput;
    private Cancellable idleMarker;

    BgpPeerProcessor(AggregatorSettings settings, LateRecords<BgpUpdate> late, MeterRegistry metrics) {
        super(AggregatorTopology.BGP_PEER_WINDOWS, PEER_CODEC, settings.bgpWindows(), late);
        this.settings = settings;
        this.metrics = metrics;
        this.partialCodec = settings.partialCodec();
        this.classifier = new BgpUpdateClassifier(settings.withdrawnTtl().toSeconds(), settings.stateTtl().toSeconds(),
                settings.maxPrefixesPerPeer());
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        super.init(context);
        prefixes = context.getStateStore(AggregatorTopology.BGP_PREFIX_STATE);
        origins = context.getStateStore(AggregatorTopology.BGP_ORIGIN_PARTIALS);
        baselines = new PeerBaselines(context.getStateStore(AggregatorTopology.BGP_PEER_BASELINES));
        countRestoredStates();
        Tags task = Tags.of("task", context.taskId().toString());
        metrics.gauge("vigil.aggregator.bgp.prefix.states", task, storedStates);
        capHits = metrics.counter("vigil.aggregator.bgp.prefix.cap.hits");
        sweepCursor = null;
        lastSweepPassEnd = Long.MIN_VALUE / 2;
        sawInput = false;
        if (idleMarker != null) {
            idleMarker.cancel(); // a re-initialised task keeps its punctuations: do not schedule a second one
        }
        idleMarker = context.schedule(settings.idleMarkerAfter(), PunctuationType.WALL_CLOCK_TIME, this::idleMarker);
    }

    /** With no input since start, tells the origin side not to wait for this task (its partition may carry no peers). */
    private void idleMarker(long wallClock) {
        idleMarker.cancel();
        if (!sawInput) {
            int sender = context.taskId().partition();
            context.forward(new Record<>("peer-task-" + sender, new Emitted.Partial(OriginMessages.closed(sender, OriginMessages.IDLE)),
                    wallClock));
        }
    }

    /** One scan at start-up gives the per-peer counts the cap needs. */
    private void countRestoredStates() {
        Map<Long, Long> counts = new HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = prefixes.all()) {
            while (it.hasNext()) {
                counts.merge(StateKeys.peerIdOf(it.next().key.get()), 1L, Long::sum);
            }
        }
        counts.forEach(classifier::setEntries);
        storedStates.set(classifier.stored());
    }

    @Override
    long eventTime(Record<String, BgpUpdate> record) {
        return record.value().getTimestamp().toEpochMilli();
    }

    @Override
    void add(Record<String, BgpUpdate> record, long eventTime, long[] openStarts) {
        sawInput = true;
        BgpUpdate update = record.value();
        PeerNames.Peer sender = peers.of(record.key(), update);
        String peer = sender.entity();
        long peerId = sender.id();
        UpdateFacts facts = classifier.classify(peerId, Prefix.parse(update.getPrefix()), update, states);
        if (classifier.stored() != storedStates.get()) {
            storedStates.set(classifier.stored());
        }
        if (classifier.capHits() > reportedCapHits) {
            capHits.increment(classifier.capHits() - reportedCapHits);
            reportedCapHits = classifier.capHits();
        }
        for (long start : openStarts) {
            PeerWindowFeatures window = accumulators.get(start, peer);
            window.add(facts, start);
            accumulators.put(start, peer, window);
            if (facts.originAs() != 0) {
                String origin = originNames.of(facts.originAs());
                OriginWindowFeatures partial = origins.get(start, origin);
                partial.add(facts, peerId, start);
                origins.put(start, origin, partial);
            }
            if (facts.originAsChanged()) {
                String previous = originNames.of(facts.previousOriginAs());
                OriginWindowFeatures lost = origins.get(start, previous);
                lost.addLost(peerId);
                origins.put(start, previous, lost);
            }
        }
    }

    private final BgpUpdateClassifier.PrefixStates states = new BgpUpdateClassifier.PrefixStates() {
        @Override
        public byte[] get(byte[] key) {
            return prefixes.get(Bytes.wrap(key));
        }

        @Override
        public void put(byte[] key, byte[] value) {
            prefixes.put(Bytes.wrap(key), value);
        }
    };

    @Override
    void emit(long windowStart, String peer, PeerWindowFeatures window) {
        forwardVector(peer, Entities.BGP_PEER, windowStart, PeerBaselines.NAMES, baselines.withRelative(peer, window.values(), windowStart),
                window.eventCount());
    }

    @Override
    void afterClose(long lastStart) {
        origins.closeThrough(lastStart, (start, origin, partial) ->
                // Timestamped at the window end, so the origin side's stream time reaches a window's end with the next window.
                context.forward(new Record<>(origin, new Emitted.Partial(OriginMessages.partial(start, partialCodec.encode(partial))),
                        windows.end(start))));
        // Then, behind those partials on every origin partition, the marker that lets the origin side close them.
        int sender = context.taskId().partition();
        context.forward(new Record<>("peer-task-" + sender, new Emitted.Partial(OriginMessages.closed(sender, lastStart)),
                windows.end(lastStart)));
        sweep();
    }

    /**
     * Deletes expired prefix states, at most a batch per window close, resuming where the last batch ended; a new pass
     * over all states starts at most once per sweep interval of event time.
     */
    private void sweep() {
        if (sweepCursor == null && streamTime() - lastSweepPassEnd < settings.sweepInterval().toMillis()) {
            return;
        }
        long now = Math.floorDiv(streamTime(), 1000);
        int seen = 0;
        java.util.List<Bytes> expired = new java.util.ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = sweepCursor == null ? prefixes.all() : prefixes.range(Bytes.wrap(sweepCursor), null)) {
            while (it.hasNext() && seen < settings.sweepBatch()) {
                var entry = it.next();
                seen++;
                if (classifier.expired(entry.value, now)) {
                    expired.add(entry.key);
                }
                sweepCursor = entry.key.get();
            }
            if (!it.hasNext()) {
                sweepCursor = null;
                lastSweepPassEnd = streamTime();
            }
        }
        for (Bytes key : expired) {
            prefixes.delete(key);
            classifier.removed(StateKeys.peerIdOf(key.get()));
        }
        if (!expired.isEmpty()) {
            storedStates.set(classifier.stored());
        }
    }
}
