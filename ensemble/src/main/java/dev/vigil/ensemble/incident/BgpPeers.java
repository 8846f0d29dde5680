package dev.vigil.ensemble.incident;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Affected BGP peers of a set of {@code bgp-peer} entities, named {@code peer:<collector>|AS<asn>|<address>}.
 * A peer is its AS and address: the same router seen by two collectors is one vantage point, not two.
 * Entities in another form count as one peer each.
 */
public final class BgpPeers {
    private BgpPeers() {
    }

    /** The peer (AS and address) of an entity, or the entity itself when it is not in peer form. */
    public static String peerOf(String entity) {
        if (!entity.startsWith("peer:")) {
            return entity;
        }
        String[] parts = entity.substring("peer:".length()).split("\\|");
        return parts.length == 3 && parts[1].startsWith("AS") ? parts[1] + "|" + parts[2] : entity;
    }

    public static int distinctPeers(Collection<String> entities) {
        Set<String> peers = new HashSet<>();
        entities.forEach(e -> peers.add(peerOf(e)));
        return peers.size();
    }
}
