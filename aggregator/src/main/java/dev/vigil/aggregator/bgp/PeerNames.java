package dev.vigil.aggregator.bgp;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.schemas.Entities;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The entity name and state id of each peer a stream task has seen, built once per peer: per update they cost a
 * string concatenation and the hash of a new string, and the name keys the peer's window, where the same instance
 * compares at once. A peer is found by the input record's key, which names it; the cached one is used only when the
 * update's collector, ASN and address are its own, so a key that names another peer costs a rebuild, never a wrong
 * name.
 */
public final class PeerNames {
    /** One peer: its entity name ({@link Entities#peer}) and its state id ({@link StateKeys#peerId}). */
    public record Peer(String collector, long asn, String address, String entity, long id) {
        boolean sent(BgpUpdate update) {
            return asn == update.getPeerAsn() && Objects.equals(address, update.getPeerAddress())
                    && Objects.equals(collector, update.getCollector());
        }
    }

    private final Map<String, Peer> byKey = new HashMap<>();

    /** The peer that sent {@code update}, whose record was keyed {@code key} (null when unkeyed). */
    public Peer of(String key, BgpUpdate update) {
        Peer cached = key == null ? null : byKey.get(key);
        if (cached != null && cached.sent(update)) {
            return cached;
        }
        String entity = Entities.peer(update);
        Peer peer = new Peer(update.getCollector(), update.getPeerAsn(), update.getPeerAddress(), entity, StateKeys.peerId(entity));
        if (key != null) {
            byKey.put(key, peer);
        }
        return peer;
    }
}
