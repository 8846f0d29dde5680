package dev.vigil.aggregator.testing;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.SegmentType;
import dev.vigil.avro.UpdateType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A deterministic BGP workload for the benchmark: every peer first announces its whole table (distinct IPv4 /24s),
 * then churn follows: re-announcements with a new path (60%), duplicates (20%) and withdrawals (20%) of random
 * prefixes. Paths have 2 to 7 hops drawn from a pool of ASNs. Event time advances evenly over the run. A test
 * fixture (the aggregator's test-jar publishes this package, the app's jar does not hold it), also used by the
 * crash test.
 */
public final class SyntheticBgpUpdates implements Iterator<BgpUpdate> {
    private static final int ASN_POOL = 5_000;

    private final int peers;
    private final int prefixesPerPeer;
    private final long total;
    private final long startMillis;
    private final double millisPerUpdate;
    private final SplittableRandom random = new SplittableRandom(42);
    private final List<List<AsPathSegment>> paths = new ArrayList<>();
    private long produced;

    public SyntheticBgpUpdates(int peers, int prefixesPerPeer, long total, Instant start, long spanSeconds) {
        this.peers = peers;
        this.prefixesPerPeer = prefixesPerPeer;
        this.total = total;
        this.startMillis = start.toEpochMilli();
        this.millisPerUpdate = spanSeconds * 1000.0 / total;
        for (int i = 0; i < 10_000; i++) {
            int hops = 2 + random.nextInt(6);
            List<Long> asns = new ArrayList<>(hops);
            for (int h = 0; h < hops; h++) {
                asns.add(1L + random.nextInt(ASN_POOL));
            }
            paths.add(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, asns)));
        }
    }

    @Override
    public boolean hasNext() {
        return produced < total;
    }

    @Override
    public BgpUpdate next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long i = produced++;
        long table = (long) peers * prefixesPerPeer;
        int peer;
        int prefix;
        UpdateType type = UpdateType.ANNOUNCE;
        int path;
        if (i < table) {
            peer = (int) (i % peers);
            prefix = (int) (i / peers);
            path = prefix % paths.size();
        } else {
            peer = random.nextInt(peers);
            prefix = random.nextInt(prefixesPerPeer);
            int roll = random.nextInt(10);
            type = roll < 2 ? UpdateType.WITHDRAW : UpdateType.ANNOUNCE;
            path = roll < 4 ? prefix % paths.size() : random.nextInt(paths.size());
        }
        BgpUpdate u = new BgpUpdate();
        u.setCollector("bench");
        u.setPeerAsn(64_500L + peer);
        u.setPeerAddress("198.51.100." + (peer + 1));
        u.setType(type);
        u.setPrefix((1 + (prefix >> 16)) + "." + ((prefix >> 8) & 0xff) + "." + (prefix & 0xff) + ".0/24");
        boolean announce = type == UpdateType.ANNOUNCE;
        u.setAsPath(announce ? paths.get(path) : List.of());
        u.setOrigin(announce ? OriginType.IGP : null);
        u.setNextHop(announce ? u.getPeerAddress() : null);
        u.setCommunities(List.of());
        u.setTimestamp(Instant.ofEpochMilli(startMillis + (long) (i * millisPerUpdate)));
        return u;
    }
}
