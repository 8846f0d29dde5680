package dev.vigil.aggregator.bgp;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.UpdateType;
import dev.vigil.ingest.net.Prefix;
import java.util.HashMap;
import java.util.Map;

/**
 * Classifies each update of the peers of one stream task against their per-(peer, prefix) state, and keeps that
 * state bounded:
 * <ul>
 *   <li>expiry: a withdrawn prefix's state lives {@code withdrawnTtl} after its last update, any state
 *       {@code ttl}; an expired state counts as absent (and the sweeper deletes it);</li>
 *   <li>a cap of {@code maxPrefixesPerPeer} states per peer: past it, a new prefix is classified (as new) but
 *       not stored, and {@link #capHits()} counts it, so a peer that leaks a huge table cannot grow the store
 *       without bound.</li>
 * </ul>
 */
public final class BgpUpdateClassifier {
    /** Byte-keyed access to the state store. */
    public interface PrefixStates {
        byte[] get(byte[] key);

        void put(byte[] key, byte[] value);
    }

    private final long withdrawnTtlSeconds;
    private final long ttlSeconds;
    private final long maxPrefixesPerPeer;
    private final Map<Long, RareAsTracker> rare = new HashMap<>();
    private final Map<Long, long[]> entries = new HashMap<>();
    private long capHits;

    public BgpUpdateClassifier(long withdrawnTtlSeconds, long ttlSeconds, long maxPrefixesPerPeer) {
        this.withdrawnTtlSeconds = withdrawnTtlSeconds;
        this.ttlSeconds = ttlSeconds;
        this.maxPrefixesPerPeer = maxPrefixesPerPeer;
    }

    public UpdateFacts classify(long peerId, Prefix prefix, BgpUpdate update, PrefixStates states) {
        byte[] key = StateKeys.key(peerId, prefix);
        byte[] stored = states.get(key);
        PrefixState previous = stored == null ? null : PrefixState.decode(stored);
        long second = Math.floorDiv(update.getTimestamp().toEpochMilli(), 1000);
        if (previous != null && previous.expired(second, withdrawnTtlSeconds, ttlSeconds)) {
            previous = null;
        }
        PathFacts path = null;
        int rareAses = -1;
        if (update.getType() == UpdateType.ANNOUNCE) {
            path = PathFacts.of(update);
            rareAses = rare.computeIfAbsent(peerId, id -> new RareAsTracker()).observe(path.uniqueAsns());
        }
        PrefixClassifier.Outcome outcome = PrefixClassifier.classify(previous, update, path, rareAses);
        if (stored == null) {
            long[] count = entries.computeIfAbsent(peerId, id -> new long[1]);
            if (count[0] >= maxPrefixesPerPeer) {
                capHits++;
                return outcome.facts();
            }
            count[0]++;
        }
        states.put(key, outcome.next().encode());
        return outcome.facts();
    }

    /** Sets a peer's stored-state count, e.g. after counting the restored store. */
    public void setEntries(long peerId, long count) {
        entries.computeIfAbsent(peerId, id -> new long[1])[0] = count;
    }

    /** Tells the classifier the sweeper deleted one of a peer's states. */
    public void removed(long peerId) {
        long[] count = entries.get(peerId);
        if (count != null && count[0] > 0) {
            count[0]--;
        }
    }

    public long entries(long peerId) {
        long[] count = entries.get(peerId);
        return count == null ? 0 : count[0];
    }

    /** New prefixes not stored because their peer was at the cap. */
    public long capHits() {
        return capHits;
    }

    /** True when a stored state should be deleted by the sweeper. */
    public boolean expired(byte[] storedState, long nowSecond) {
        return PrefixState.decode(storedState).expired(nowSecond, withdrawnTtlSeconds, ttlSeconds);
    }
}
