package dev.vigil.aggregator.bgp;

import static dev.vigil.aggregator.bgp.Updates.announce;
import static dev.vigil.aggregator.bgp.Updates.withdraw;
import static dev.vigil.avro.OriginType.IGP;
import static dev.vigil.avro.OriginType.INCOMPLETE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.ingest.csv.UfamFeatures;
import dev.vigil.ingest.net.Prefix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every UFAM feature of one peer's window, against values worked out by hand for a scripted sequence of twelve
 * updates (see the comments on each update).
 */
class PeerWindowFeaturesTest {
    private static final long PEER = 1;

    private final Map<String, byte[]> store = new HashMap<>();
    private final BgpUpdateClassifier classifier = new BgpUpdateClassifier(3600, 30 * 86400, 1_000_000);
    private final BgpUpdateClassifier.PrefixStates states = statesIn(store);

    /** Prefix states kept in a map, keyed by the hex of the state key. */
    private static BgpUpdateClassifier.PrefixStates statesIn(Map<String, byte[]> map) {
        return new BgpUpdateClassifier.PrefixStates() {
            @Override
            public byte[] get(byte[] key) {
                return map.get(java.util.HexFormat.of().formatHex(key));
            }

            @Override
            public void put(byte[] key, byte[] value) {
                map.put(java.util.HexFormat.of().formatHex(key), value);
            }
        };
    }

    private PeerWindowFeatures window(long windowStartMillis, List<BgpUpdate> updates) {
        PeerWindowFeatures w = new PeerWindowFeatures();
        for (BgpUpdate u : updates) {
            w.add(classifier.classify(PEER, Prefix.parse(u.getPrefix()), u, states), windowStartMillis);
        }
        return w;
    }

    private static final List<BgpUpdate> SCRIPT = List.of(
            announce(1, "10.0.0.0/8", IGP, "192.0.2.1", 1, 2, 3),         // 1 new; message 1 (IGP)
            announce(1, "11.0.0.0/8", IGP, "192.0.2.1", 1, 2, 3),         // 2 new; same message
            announce(2, "10.0.0.0/8", IGP, "192.0.2.1", 1, 2, 3),         // 3 duplicate, distance 0; message (IGP)
            announce(3, "10.0.0.0/8", IGP, "192.0.2.2", 1, 2, 3),         // 4 implicit, same path, distance 0; message (IGP)
            announce(4, "10.0.0.0/8", INCOMPLETE, "192.0.2.2", 1, 4, 4, 3), // 5 implicit, other path, distance 2, longer, ORIGIN changed
            withdraw(5, "10.0.0.0/8"),                                   // 6 withdrawal
            withdraw(6, "10.0.0.0/8"),                                   // 7 duplicate withdrawal
            announce(7, "10.0.0.0/8", INCOMPLETE, "192.0.2.2", 1, 4, 4, 3), // 8 flap, distance 0; message (INCOMPLETE)
            withdraw(8, "11.0.0.0/8"),                                   // 9 withdrawal
            announce(9, "11.0.0.0/8", IGP, "192.0.2.1", 1, 3),            // 10 nada, distance 1, shorter; message (IGP)
            withdraw(10, "12.0.0.0/8"),                                  // 11 withdrawal of an unknown prefix
            announce(11, "12.0.0.0/8", IGP, "192.0.2.1", 5));             // 12 new (attributes unknown); message (IGP)

    @Test
    void everyUfamFeatureOfAScriptedWindow() {
        PeerWindowFeatures w = window(0, SCRIPT);
        Map<String, Double> expected = new HashMap<>();
        UfamFeatures.NAMES.forEach(n -> expected.put(n, 0.0));
        expected.putAll(Map.ofEntries(
                Map.entry("announcements", 8.0), Map.entry("withdrawals", 4.0), Map.entry("nlri_ann", 3.0),
                Map.entry("news", 3.0), Map.entry("dups", 1.0), Map.entry("imp_wd", 2.0), Map.entry("imp_wd_spath", 1.0),
                Map.entry("imp_wd_dpath", 1.0), Map.entry("nadas", 1.0), Map.entry("flaps", 1.0), Map.entry("wd_dups", 1.0),
                Map.entry("origin_changes", 1.0), Map.entry("origin_0", 5.0), Map.entry("origin_2", 2.0),
                Map.entry("edit_distance_avg", 0.6), Map.entry("edit_distance_max", 2.0),
                Map.entry("edit_distance_dict_0", 3.0), Map.entry("edit_distance_dict_1", 1.0), Map.entry("edit_distance_dict_2", 1.0),
                Map.entry("edit_distance_unique_dict_0", 3.0), Map.entry("edit_distance_unique_dict_1", 1.0),
                Map.entry("edit_distance_unique_dict_2", 1.0),
                Map.entry("ann_to_longer", 1.0), Map.entry("ann_to_shorter", 1.0),
                Map.entry("as_path_max", 4.0), Map.entry("unique_as_path_max", 3.0),
                // Lengths 3,3,3,3,4,4,2,1: a = 3, (6+3)/2=4, (9+4)/3=4, (12+4)/4=4, (20+4)/5=4, (24+4)/6=4, (14+4)/7=2, (8+2)/8=1
                Map.entry("as_path_avg", 1.0),
                // Unique 3,3,3,3,3,3,2,1 with the running max 3: 6, 4, 4, 3, 3, 3, 17/7=2, 11/8=1
                Map.entry("unique_as_path_avg", 1.0)));
        double[] values = w.values();
        for (int i = 0; i < values.length; i++) {
            String name = UfamFeatures.NAMES.get(i);
            assertEquals(expected.get(name), values[i], 1e-12, name);
        }
        assertEquals(12, w.eventCount());
    }

    @Test
    void aPrefixCountsInNlriAnnOncePerWindowAndStateCarriesAcrossWindows() {
        window(0, SCRIPT);
        PeerWindowFeatures next = window(60_000, List.of(
                announce(61, "10.0.0.0/8", INCOMPLETE, "192.0.2.2", 1, 4, 4, 3),
                announce(62, "10.0.0.0/8", INCOMPLETE, "192.0.2.2", 1, 4, 4, 3),
                announce(63, "13.0.0.0/8", IGP, "192.0.2.2", 7)));
        assertEquals(2.0, next.value("nlri_ann"));
        assertEquals(2.0, next.value("dups"), "10/8 was announced with these attributes in the first window");
        assertEquals(1.0, next.value("news"));
        assertEquals(2.0, next.value("origin_2"), "two messages: different timestamps");
    }

    @Test
    void theAccumulatorSurvivesEncoding() {
        PeerWindowFeatures w = window(0, SCRIPT);
        assertEquals(java.util.Arrays.toString(w.values()), java.util.Arrays.toString(PeerWindowFeatures.decode(w.encode()).values()));
    }

    @Test
    void expiredWithdrawnStateMakesTheNextAnnouncementNew() {
        window(0, List.of(announce(1, "10.0.0.0/8", IGP, "192.0.2.1", 1, 2), withdraw(2, "10.0.0.0/8")));
        PeerWindowFeatures late = window(7200_000, List.of(announce(7201, "10.0.0.0/8", IGP, "192.0.2.1", 1, 2)));
        assertEquals(1.0, late.value("news"), "the withdrawal is older than the 1 h withdrawn TTL");
        assertEquals(0.0, late.value("flaps"));
    }

    @Test
    void theCapStopsStoringNewPrefixesButStillClassifiesThem() {
        BgpUpdateClassifier capped = new BgpUpdateClassifier(3600, 86400, 2);
        Map<String, byte[]> small = new HashMap<>();
        BgpUpdateClassifier.PrefixStates s = statesIn(small);
        for (String p : List.of("10.0.0.0/8", "11.0.0.0/8", "12.0.0.0/8", "10.0.0.0/8")) {
            capped.classify(PEER, Prefix.parse(p), announce(1, p, IGP, "192.0.2.1", 1), s);
        }
        assertEquals(2, small.size());
        assertEquals(2, capped.entries(PEER));
        assertEquals(1, capped.capHits());
        assertEquals(2, capped.stored());
    }

    @Test
    void storedStatesAreCountedOverAllPeers() {
        BgpUpdateClassifier c = new BgpUpdateClassifier(3600, 86400, 10);
        Map<String, byte[]> states = new HashMap<>();
        BgpUpdateClassifier.PrefixStates s = statesIn(states);
        c.setEntries(7, 5); // restored from the store
        c.classify(PEER, Prefix.parse("10.0.0.0/8"), announce(1, "10.0.0.0/8", IGP, "192.0.2.1", 1), s);
        c.classify(PEER, Prefix.parse("10.0.0.0/8"), announce(2, "10.0.0.0/8", IGP, "192.0.2.1", 1, 2), s);
        c.classify(8, Prefix.parse("10.0.0.0/8"), announce(3, "10.0.0.0/8", IGP, "192.0.2.1", 1), s);
        assertEquals(5 + 1 + 1, c.stored(), "a second update of a stored prefix adds nothing");
        c.removed(7);
        c.removed(9); // a peer never seen: nothing to take away
        assertEquals(6, c.stored());
        assertEquals(4, c.entries(7));
        c.setEntries(7, 1);
        assertEquals(3, c.stored());
    }
}
