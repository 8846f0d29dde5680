package dev.vigil.aggregator.bgp;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.SegmentType;
import dev.vigil.avro.UpdateType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Compact builders of BGP updates for tests. */
public final class Updates {
    private Updates() {
    }

    public static BgpUpdate announce(String peer, long asn, long second, String prefix, OriginType origin, String nextHop, long... path) {
        List<Long> asns = new ArrayList<>();
        for (long a : path) {
            asns.add(a);
        }
        return BgpUpdate.newBuilder().setCollector("rrc00").setPeerAsn(asn).setPeerAddress(peer).setType(UpdateType.ANNOUNCE)
                .setPrefix(prefix).setAsPath(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, asns))).setOrigin(origin)
                .setNextHop(nextHop).setCommunities(List.of()).setTimestamp(Instant.ofEpochSecond(second)).build();
    }

    public static BgpUpdate announce(long second, String prefix, OriginType origin, String nextHop, long... path) {
        return announce("192.0.2.1", 64500, second, prefix, origin, nextHop, path);
    }

    public static BgpUpdate withdraw(String peer, long asn, long second, String prefix) {
        return BgpUpdate.newBuilder().setCollector("rrc00").setPeerAsn(asn).setPeerAddress(peer).setType(UpdateType.WITHDRAW)
                .setPrefix(prefix).setAsPath(List.of()).setOrigin(null).setNextHop(null).setCommunities(List.of())
                .setTimestamp(Instant.ofEpochSecond(second)).build();
    }

    public static BgpUpdate withdraw(long second, String prefix) {
        return withdraw("192.0.2.1", 64500, second, prefix);
    }
}
