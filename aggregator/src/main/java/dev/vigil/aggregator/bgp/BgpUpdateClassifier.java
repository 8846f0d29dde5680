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
    /** Each peer's stored-state count and rare-AS counts, found with one lookup per update. */
    private final Map<Long, PeerCounts> peers = new HashMap<>();
    private long lastPeerId;
    private PeerCounts lastPeer;
    private long totalEntries;
    private long capHits;

    private static final class PeerCounts {
        long entries;
        final RareAsTracker rare = new RareAsTracker();
    }

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
        PeerCounts peer = peer(peerId);
        PathFacts path = null;
        int rareAses = -1;
        if (update.getType() == UpdateType.ANNOUNCE) {
            path = PathFacts.of(update);
            rareAses = peer.rare.observe(path.uniqueAsns());
        }
        PrefixClassifier.Outcome outcome = PrefixClassifier.classify(previous, update, path, rareAses);
        if (stored == null) {
            if (peer.entries >= maxPrefixesPerPeer) {
                capHits++;
                return outcome.facts();
            }
            peer.entries++;
            totalEntries++;
        }
        states.put(key, outcome.next().encode());
        return outcome.facts();
    }

    /** Consecutive updates mostly come from the same peer (a feed, a table dump): then no map lookup. */
    private PeerCounts peer(long peerId) {
        if (lastPeer == null || lastPeerId != peerId) {
            lastPeer = peers.computeIfAbsent(peerId, id -> new PeerCounts());
            lastPeerId = peerId;
        }
        return lastPeer;
    }

    /** Sets a peer's stored-state count, e.g. after counting the restored store. */
    public void setEntries(long peerId, long count) {
        PeerCounts peer = peer(peerId);
        totalEntries += count - peer.entries;
        peer.entries = count;
    }

    /** Tells the classifier the sweeper deleted one of a peer's states. */
    public void removed(long peerId) {
        PeerCounts peer = peers.get(peerId);
        if (peer != null && peer.entries > 0) {
            peer.entries--;
            totalEntries--;
        }
    }

    public long entries(long peerId) {
        PeerCounts peer = peers.get(peerId);
        return peer == null ? 0 : peer.entries;
    }

    /** Stored states of all peers, as counted by {@link #setEntries}, new prefixes and {@link #removed}. */
    public long stored() {
        return totalEntries;
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
