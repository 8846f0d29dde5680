package dev.vigil.ingest.mrt;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.UpdateType;
import dev.vigil.ingest.net.IpText;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the BGP4MP message subtypes of RFC 6396 section 4.4 (and the ADD-PATH subtypes of RFC 8050) that carry
 * a BGP UPDATE into one {@link BgpUpdate} per prefix: withdrawals first, then announcements, as RFC 4271 orders
 * them. Other BGP messages (OPEN, KEEPALIVE, NOTIFICATION) and state changes yield nothing.
 */
final class Bgp4mpDecoder {
    private static final int BGP_HEADER = 19;
    private static final int UPDATE = 2;

    private Bgp4mpDecoder() {
    }

    /** True when the subtype carries a BGP message (as opposed to a state change). */
    static boolean isMessage(int subtype) {
        return subtype == 1 || (subtype >= 4 && subtype <= 11 && subtype != 5);
    }

    static boolean fourByteAsns(int subtype) {
        return subtype == 4 || subtype == 7 || subtype == 9 || subtype == 11;
    }

    static boolean addPath(int subtype) {
        return subtype >= 8 && subtype <= 11;
    }

    /**
     * Decodes one BGP4MP message record body; returns true if it held an UPDATE (whose elements are added to
     * {@code out}).
     */
    static boolean decode(int subtype, Instant time, ByteBuffer body, String collector, List<BgpUpdate> out) {
        int asnSize = fourByteAsns(subtype) ? 4 : 2;
        long peerAsn = asnSize == 4 ? PathAttributes.u32(body) : body.getShort() & 0xffff;
        body.position(body.position() + asnSize + 2); // local AS, interface index
        int afi = body.getShort() & 0xffff;
        int addressSize = Nlri.addressSize(afi);
        if (addressSize == 0) {
            throw new MrtFormatException("unknown address family " + afi);
        }
        String peerAddress = IpText.format(PathAttributes.bytes(body, addressSize), 0, addressSize);
        body.position(body.position() + addressSize); // local address
        int messageStart = body.position();
        body.position(messageStart + 16); // marker
        int messageLength = body.getShort() & 0xffff;
        int type = body.get() & 0xff;
        if (type != UPDATE) {
            return false;
        }
        if (messageLength < BGP_HEADER + 4 || messageStart + messageLength > body.limit()) {
            throw new MrtFormatException("BGP message length " + messageLength + " does not fit the record");
        }
        body.limit(messageStart + messageLength);
        boolean addPath = addPath(subtype);
        List<String> withdrawn = new ArrayList<>();
        Nlri.read(body, body.getShort() & 0xffff, 4, addPath, withdrawn);
        PathAttributes attrs = PathAttributes.read(body, body.getShort() & 0xffff, asnSize, addPath);
        List<String> announced = new ArrayList<>();
        Nlri.read(body, body.remaining(), 4, addPath, announced);

        Peer peer = new Peer(collector, peerAsn, peerAddress, time);
        for (String prefix : withdrawn) {
            out.add(peer.withdrawal(prefix));
        }
        for (String prefix : attrs.mpWithdrawn) {
            out.add(peer.withdrawal(prefix));
        }
        if (!announced.isEmpty() || !attrs.mpAnnounced.isEmpty()) {
            List<AsPathSegment> path = attrs.mergedPath();
            List<String> communities = List.copyOf(attrs.communities);
            for (String prefix : announced) {
                out.add(peer.announcement(prefix, path, attrs.origin, attrs.nextHop, communities));
            }
            for (String prefix : attrs.mpAnnounced) {
                out.add(peer.announcement(prefix, path, attrs.origin, attrs.mpNextHop, communities));
            }
        }
        return true;
    }

    private record Peer(String collector, long asn, String address, Instant time) {
        BgpUpdate withdrawal(String prefix) {
            return update(UpdateType.WITHDRAW, prefix, List.of(), null, null, List.of());
        }

        BgpUpdate announcement(String prefix, List<AsPathSegment> path, OriginType origin, String nextHop,
                               List<String> communities) {
            return update(UpdateType.ANNOUNCE, prefix, path, origin, nextHop, communities);
        }

        private BgpUpdate update(UpdateType type, String prefix, List<AsPathSegment> path, OriginType origin,
                                 String nextHop, List<String> communities) {
            BgpUpdate u = new BgpUpdate();
            u.setCollector(collector);
            u.setPeerAsn(asn);
            u.setPeerAddress(address);
            u.setType(type);
            u.setPrefix(prefix);
            u.setAsPath(path);
            u.setOrigin(origin);
            u.setNextHop(nextHop);
            u.setCommunities(communities);
            u.setTimestamp(time);
            return u;
        }
    }
}
