package dev.vigil.aggregator.bgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.SegmentType;
import dev.vigil.ingest.net.Prefix;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edit distance, path facts, the compact state and its keys, rare ASes, and per-origin partials. */
class BgpPartsTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, EditDistance.between(new long[] {1, 2, 3}, new long[] {1, 2, 3}));
        assertEquals(1, EditDistance.between(new long[] {1, 3}, new long[] {1, 2, 3}));
        assertEquals(2, EditDistance.between(new long[] {1, 4, 4, 3}, new long[] {1, 2, 3}));
        assertEquals(3, EditDistance.between(new long[] {}, new long[] {7, 8, 9}));
        assertEquals(2, EditDistance.between(new long[] {1, 2}, new long[] {2, 1}));
    }

    @Test
    void pathFactsUseTheSequenceAndFindTheOrigin() {
        BgpUpdate u = Updates.announce(1, "10.0.0.0/8", OriginType.IGP, "192.0.2.1", 3356, 3356, 3356, 1299, 64500);
        PathFacts p = PathFacts.of(u);
        assertEquals(5, p.length());
        assertEquals(3, p.uniqueLength());
        assertEquals(64500, p.originAs());
        u.setAsPath(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, List.of(1L, 2L)),
                new AsPathSegment(SegmentType.AS_SET, List.of(7L, 8L))));
        PathFacts withSet = PathFacts.of(u);
        assertEquals(2, withSet.length(), "an AS_SET is not part of the sequence");
        assertEquals(0, withSet.originAs(), "a path ending in a two-member AS_SET has no single origin");
        assertTrue(withSet.pathHash() != p.pathHash());
        u.setAsPath(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, List.of(1L, 2L)),
                new AsPathSegment(SegmentType.AS_SET, List.of(9L))));
        assertEquals(9, PathFacts.of(u).originAs());
    }

    @Test
    void stateRoundTripsInAFewBytesAndKeysSortByPeer() {
        PrefixState s = new PrefixState(true, true, OriginType.INCOMPLETE, 1_700_000_000L, 1_700_000_100L, 4_200_000_000L,
                -5, 77, new long[] {3356, 1299, 4_200_000_000L});
        byte[] bytes = s.encode();
        assertEquals(22 + 2 + 2 + 5, bytes.length);
        assertEquals(s, PrefixState.decode(bytes));
        PrefixState unknown = PrefixState.withdrawnUnknown(5);
        assertEquals(unknown, PrefixState.decode(unknown.encode()));
        byte[] key = StateKeys.key(42, Prefix.parse("192.0.2.0/24"));
        assertEquals(13, key.length);
        assertEquals(42, StateKeys.peerIdOf(key));
        assertTrue(Arrays.compareUnsigned(StateKeys.peerStart(42), key) < 0);
        assertTrue(Arrays.compareUnsigned(key, StateKeys.peerEnd(42)) < 0);
        assertTrue(Arrays.compareUnsigned(StateKeys.key(42, Prefix.parse("2001:db8::/128")), StateKeys.peerEnd(42)) < 0);
        assertTrue(s.expired(1_700_000_100L + 3601, 3600, 86400));
        assertTrue(!s.expired(1_700_000_100L + 3599, 3600, 86400));
    }

    @Test
    void statesAndKeysKeepTheirStoredBytes() {
        // Bytes written by the ByteBuffer encoding before it was done by hand: stores and changelogs hold them.
        HexFormat hex = HexFormat.of();
        PrefixState s = new PrefixState(true, true, OriginType.INCOMPLETE, 1_700_000_000L, 1_700_000_100L, 4_200_000_000L,
                -5, 77, new long[] {3356, 1299, 4_200_000_000L});
        assertEquals("0b6553f1006553f164fa56ea00fffffffb0000004d039c1a930a80d4dbd20f", hex.formatHex(s.encode()));
        assertEquals(s, PrefixState.decode(hex.parseHex("0b6553f1006553f164fa56ea00fffffffb0000004d039c1a930a80d4dbd20f")));
        PrefixState none = new PrefixState(false, false, null, -1, 3_000_000_000L, 0, 0, 0, new long[0]);
        assertEquals("0cffffffffb2d05e0000000000000000000000000000", hex.formatHex(none.encode()));
        assertEquals(none, PrefixState.decode(none.encode()));
        assertEquals("ffffffffffffffd60417c00002", hex.formatHex(StateKeys.key(-42, Prefix.parse("192.0.2.0/23"))));
        assertEquals("0000000000000007062120010db800", hex.formatHex(StateKeys.key(7, Prefix.parse("2001:db8::/33"))));
    }

    @Test
    void aPeersNameIsBuiltOnceAndNeverServedForAnotherPeer() {
        PeerNames names = new PeerNames();
        BgpUpdate a = Updates.announce("192.0.2.1", 64500, 1, "10.0.0.0/8", OriginType.IGP, "192.0.2.1", 1);
        PeerNames.Peer first = names.of("peer:rrc00|AS64500|192.0.2.1", a);
        assertEquals("peer:rrc00|AS64500|192.0.2.1", first.entity());
        assertEquals(StateKeys.peerId("peer:rrc00|AS64500|192.0.2.1"), first.id());
        assertTrue(first == names.of("peer:rrc00|AS64500|192.0.2.1", a), "the same peer again: the same instance");
        BgpUpdate other = Updates.announce("192.0.2.9", 64509, 1, "10.0.0.0/8", OriginType.IGP, "192.0.2.9", 1);
        PeerNames.Peer wrongKey = names.of("peer:rrc00|AS64500|192.0.2.1", other);
        assertEquals("peer:rrc00|AS64509|192.0.2.9", wrongKey.entity(), "a key naming another peer does not give its name");
        assertEquals("peer:rrc00|AS64509|192.0.2.9", names.of(null, other).entity());
    }

    @Test
    void originNamesAreRightAlsoWhenTwoAsesShareASlot() {
        OriginNames names = new OriginNames();
        for (long asn = 1; asn <= 20_000; asn++) {
            assertEquals("origin:AS" + asn, names.of(asn));
        }
        for (long asn = 20_000; asn >= 1; asn -= 7) {
            assertEquals("origin:AS" + asn, names.of(asn));
        }
        assertEquals("origin:AS4200000000", names.of(4_200_000_000L));
        assertTrue(names.of(4_200_000_000L) == names.of(4_200_000_000L));
    }

    @Test
    void rareAsesFollowTheTwentiethPercentileAfterWarmUp() {
        RareAsTracker t = new RareAsTracker();
        // Paths 1..999: AS 1 on every path, AS 1000+ceil(i/2) on two paths each (1500 on one).
        for (int i = 1; i <= 999; i++) {
            assertEquals(-1, t.observe(new long[] {1, 1000 + (i + 1) / 2}), "warm-up");
        }
        // Counts: one 1, 499 twos, one 999 (n = 501); position 0.2 * 500 = 100 falls on a 2.
        assertEquals(2.0, t.threshold());
        // Path 1000: AS 1 (count 1000) and AS 1001 (count 3) are common, AS 7000 (count 1) is rare.
        assertEquals(1, t.observe(new long[] {1, 7000, 1001}));
    }

    @Test
    void selectionFindsOrderStatistics() {
        int[] values = {5, 1, 4, 1, 5, 9, 2, 6};
        for (int k = 0; k < values.length; k++) {
            int[] sorted = values.clone();
            Arrays.sort(sorted);
            assertEquals(sorted[k], RareAsTracker.Selection.kth(values.clone(), k));
        }
    }

    @Test
    void originPartialsAreCompactAndTheFixedWidthFormatStillReads() {
        UpdateFacts moved = new UpdateFacts(UpdateKind.IMPLICIT_DIFF_PATH, 2000, 1000, 2, 1, false, OriginType.IGP, 2, 5, 4, -1, 64500, 64501);
        OriginWindowFeatures partial = new OriginWindowFeatures();
        partial.add(moved, -7_000_000_000_000_000_000L, 0);
        partial.add(moved, 3, 0);
        partial.addLost(3);
        byte[] compact = partial.encode();
        assertTrue(compact.length < 50, compact.length + " bytes");
        assertArrayEquals(partial.values(), OriginWindowFeatures.decode(compact).values());
        assertArrayEquals(compact, OriginWindowFeatures.decode(compact).encode());
        // What the store and the repartition topic held before: 21 values, the peer count, the peers, 8 bytes each.
        long[] slots = {2, 0, 0, 0, 0, 2, 0, 2, 0, 0, 0, 0, 2, 1, 10, 5, 8, 4, 2, 4, 2};
        java.nio.ByteBuffer fixed = java.nio.ByteBuffer.allocate(8 * (21 + 1 + 2));
        for (long x : slots) {
            fixed.putLong(x);
        }
        fixed.putLong(2).putLong(-7_000_000_000_000_000_000L).putLong(3);
        assertArrayEquals(fixed.array(), partial.encodeFixedWidth(), "what a rolling upgrade writes for the older version");
        OriginWindowFeatures old = OriginWindowFeatures.decode(fixed.array());
        assertArrayEquals(partial.values(), old.values());
        assertArrayEquals(compact, old.encode());
    }

    @Test
    void originPartialsMergeIntoExactTotals() {
        UpdateFacts newA = new UpdateFacts(UpdateKind.NEW, 1000, -1, -1, 0, false, OriginType.IGP, 1, 3, 3, -1, 64500, 0);
        UpdateFacts moved = new UpdateFacts(UpdateKind.IMPLICIT_DIFF_PATH, 2000, 1000, 2, 1, false, OriginType.IGP, 2, 5, 4, -1, 64500, 64501);
        UpdateFacts gone = new UpdateFacts(UpdateKind.WITHDRAWAL, 3000, 2000, -1, 0, false, null, 0, 0, 0, -1, 64500, 64500);
        OriginWindowFeatures task1 = new OriginWindowFeatures();
        task1.add(newA, 1, 0);
        task1.add(moved, 1, 0);
        OriginWindowFeatures task2 = new OriginWindowFeatures();
        task2.add(gone, 2, 0);
        task2.addLost(2);
        OriginWindowFeatures merged = OriginWindowFeatures.decode(task1.encode());
        merged.merge(OriginWindowFeatures.decode(task2.encode()));
        double[] v = merged.values();
        // announcements 2, withdrawals 1, nlri_ann 1 (the second was announced earlier in the window), news 1,
        // imp_wd 1 (dpath), gained 1, lost 1, path mean (3+5)/2, max 5, unique mean 3.5, max 4, edit mean 2, max 2, 2 peers.
        assertArrayEquals(new double[] {2, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 4, 5, 3.5, 4, 2, 2, 2}, v);
        assertEquals(3, merged.eventCount());
    }
}
