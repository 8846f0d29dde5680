package dev.vigil.aggregator.stream;

import dev.vigil.aggregator.bgp.OriginWindowFeatures;
import dev.vigil.schemas.Entities;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Merges the per-origin partials of every peer task into one {@code bgp-origin} vector per origin AS and window.
 * A window closes here once every peer task known to this task has said (with a closed marker, see
 * {@link OriginMessages}) that it closed the window, so a task that lags while the app catches up on a backlog
 * still has all its partials counted. It waits for every peer task of the input from the start (when the topology was
 * told how many there are), except one that said it is idle, and one that has sent nothing for {@code bgp.origin.max.wait}
 * of wall-clock time (its input went quiet: a task catching up sends markers all the time, so it is never dropped for
 * lagging). When no task is left to wait for, a window closes {@code bgp.origin.max.lag} of event time past its end.
 * A partial that comes after its window closed goes to late.records.
 * What each peer task has closed through is kept in a logged store, so a restarted task waits for the same tasks.
 */
final class BgpOriginProcessor extends WindowedProcessor<byte[], OriginWindowFeatures> {
    static final Codec<OriginWindowFeatures> CODEC = Codec.of(OriginWindowFeatures::new, OriginWindowFeatures::encode, OriginWindowFeatures::decode);
    /** Writes what versions before the compact format read: for a rolling upgrade from them. */
    static final Codec<OriginWindowFeatures> FIXED_WIDTH_CODEC = Codec.of(OriginWindowFeatures::new, OriginWindowFeatures::encodeFixedWidth,
            OriginWindowFeatures::decode);

    private final Map<Integer, Long> closedBySender = new HashMap<>();
    /** Wall-clock time of each sender's last marker (not kept across restarts: a restart waits max.wait afresh). */
    private final Map<Integer, Long> lastHeard = new HashMap<>();
    private final int peerTasks;
    private final long maxWaitMillis;
    private long startedAt;
    private KeyValueStore<Bytes, byte[]> senders;

    BgpOriginProcessor(AggregatorSettings settings, int peerTasks, LateRecords<byte[]> late) {
        super(AggregatorTopology.BGP_ORIGIN_WINDOWS, settings.partialCodec(), settings.originWindows(), late);
        this.peerTasks = peerTasks;
        this.maxWaitMillis = settings.originMaxWait().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Emitted> context) {
        super.init(context);
        senders = context.getStateStore(AggregatorTopology.BGP_ORIGIN_SENDERS);
        closedBySender.clear();
        lastHeard.clear();
        startedAt = context.currentSystemTimeMs();
        try (KeyValueIterator<Bytes, byte[]> it = senders.all()) {
            it.forEachRemaining(e -> closedBySender.put(ByteBuffer.wrap(e.key.get()).getInt(), ByteBuffer.wrap(e.value).getLong()));
        }
        for (int task = 0; task < peerTasks; task++) {
            closedBySender.putIfAbsent(task, Long.MIN_VALUE); // not heard from yet: wait for it
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (!OriginMessages.isClosedMarker(record.value())) {
            super.process(record);
            return;
        }
        int sender = OriginMessages.sender(record.value());
        long closedThrough = OriginMessages.closedThrough(record.value());
        lastHeard.put(sender, context.currentSystemTimeMs());
        long known = closedBySender.getOrDefault(sender, Long.MIN_VALUE);
        if (closedThrough > known || known == OriginMessages.IDLE) {
            closedBySender.put(sender, closedThrough);
            senders.put(Bytes.wrap(ByteBuffer.allocate(4).putInt(sender).array()), ByteBuffer.allocate(8).putLong(closedThrough).array());
        }
        // An idle marker carries wall-clock time, which must not move event time: only re-check what may close.
        advance(closedThrough == OriginMessages.IDLE ? Long.MIN_VALUE : record.timestamp());
    }

    /** What every peer task still waited for has closed; with none left, what the maximum lag gives up on. */
    @Override
    long closableThrough(long streamTime) {
        long now = context.currentSystemTimeMs();
        long slowest = Long.MAX_VALUE;
        for (Map.Entry<Integer, Long> sender : closedBySender.entrySet()) {
            boolean silent = now - lastHeard.getOrDefault(sender.getKey(), startedAt) > maxWaitMillis;
            if (sender.getValue() != OriginMessages.IDLE && !silent) {
                slowest = Math.min(slowest, sender.getValue());
            }
        }
        return slowest != Long.MAX_VALUE ? slowest : windows.lastClosedStart(streamTime);
    }

    @Override
    long eventTime(Record<String, byte[]> record) {
        return record.timestamp();
    }

    @Override
    long[] windowStarts(byte[] value, long eventTime) {
        return new long[] {OriginMessages.windowStart(value)};
    }

    @Override
    void add(Record<String, byte[]> record, long eventTime, long[] openStarts) {
        long start = openStarts[0];
        OriginWindowFeatures merged = accumulators.get(start, record.key());
        merged.merge(OriginWindowFeatures.decode(OriginMessages.features(record.value())));
        accumulators.put(start, record.key(), merged);
    }

    @Override
    void emit(long windowStart, String origin, OriginWindowFeatures features) {
        forwardVector(origin, Entities.BGP_ORIGIN, windowStart, OriginWindowFeatures.NAMES, features.values(), features.eventCount());
    }
}
