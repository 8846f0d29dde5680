package dev.vigil.aggregator.stream;

import static dev.vigil.aggregator.stream.TopologyFixture.T0;
import static dev.vigil.aggregator.stream.TopologyFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.aggregator.bgp.Updates;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.OriginType;
import dev.vigil.schemas.Entities;
import dev.vigil.ingest.csv.UfamFeatures;
import dev.vigil.kit.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Window closing, grace, late and invalid BGP records, and per-origin vectors, on the real topology. */
class BgpTopologyTest {
    private static final long S = T0.getEpochSecond();

    private static BgpUpdate a(String peer, long second, String prefix, long... path) {
        return Updates.announce(peer, 64500, S + second, prefix, OriginType.IGP, "192.0.2.1", path);
    }

    @Test
    void aWindowIsEmittedOnceWhenStreamTimePassesItsEndPlusGrace() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(a("192.0.2.1", 1, "10.0.0.0/8", 1, 2));
            f.pipe(a("192.0.2.1", 30, "10.0.0.0/8", 1, 3));
            f.pipe(Updates.withdraw("192.0.2.1", 64500, S + 59, "10.0.0.0/8"));
            f.pipe(a("192.0.2.1", 89, "11.0.0.0/8", 1, 2));
            assertTrue(f.bgpFeatures.isEmpty(), "window [0, 60 s) is open until 60 s + 30 s grace");
            f.pipe(a("192.0.2.1", 90, "12.0.0.0/8", 1, 2));
            List<FeatureVector> out = f.bgpFeatures.readValuesToList();
            assertEquals(1, out.size());
            FeatureVector v = out.getFirst();
            assertEquals("peer:rrc00|AS64500|192.0.2.1", v.getEntity());
            assertEquals(Entities.BGP_PEER, v.getDomain());
            assertEquals(T0, v.getWindowStart());
            assertEquals(T0.plusSeconds(60), v.getWindowEnd());
            assertEquals(UfamFeatures.NAMES, v.getFeatureNames());
            assertEquals(3, v.getEventCount());
            assertEquals(2.0, value(v, "announcements"));
            assertEquals(1.0, value(v, "withdrawals"));
            assertEquals(1.0, value(v, "news"));
            assertEquals(1.0, value(v, "imp_wd_dpath"));
            assertEquals(1.0, value(v, "edit_distance_dict_1"));
            f.pipe(a("192.0.2.1", 200, "12.0.0.0/8", 1, 2));
            assertEquals(1, f.bgpFeatures.readValuesToList().stream().filter(x -> x.getWindowStart().equals(T0.plusSeconds(60))).count(),
                    "the next window is emitted once too");
        }
    }

    @Test
    void recordsWithinGraceCountAndLaterOnesGoToLateRecords() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(a("192.0.2.1", 10, "10.0.0.0/8", 1, 2));
            f.pipe(a("192.0.2.1", 85, "11.0.0.0/8", 1, 2));
            f.pipe(a("192.0.2.1", 50, "12.0.0.0/8", 1, 2)); // 35 s behind stream time: within grace
            f.pipe(a("192.0.2.1", 95, "13.0.0.0/8", 1, 2)); // closes [0, 60 s)
            BgpUpdate late = a("192.0.2.1", 20, "14.0.0.0/8", 1, 2); // its window is closed
            f.pipe(late);
            FeatureVector first = f.bgpFeatures.readValuesToList().getFirst();
            assertEquals(2.0, value(first, "announcements"), "the 10 s and the in-grace 50 s announcements");
            List<DeadLetter> letters = f.late.readValuesToList();
            assertEquals(1, letters.size());
            DeadLetter letter = letters.getFirst();
            assertEquals("late", letter.getErrorClass());
            assertEquals(Topics.BGP_UPDATES, letter.getSourceTopic());
            assertEquals(4, letter.getOffset());
            assertTrue(letter.getReason().contains("grace"), letter.getReason());
            BgpUpdate original = f.ctx.serdes().value(BgpUpdate.class).deserializer()
                    .deserialize(Topics.BGP_UPDATES, letter.getValue().array());
            assertEquals(late, original, "the late record's bytes are kept for replay");
            assertEquals(1.0, f.counter("vigil.aggregator.late.records"));
        }
    }

    @Test
    void invalidUpdatesGoToTheDeadLetterTopicWithTheirReasonAndValidOnesFlow() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(a("192.0.2.1", 1, "10.0.0.1/8", 1, 2));
            f.pipe(a("192.0.2.1", 2, "10.0.0.0/33", 1, 2));
            f.pipe(a("192.0.2.1", 86_400 + 3600, "10.0.0.0/8", 1, 2));
            BgpUpdate noCollector = a("192.0.2.1", 3, "10.0.0.0/8", 1, 2);
            noCollector.setCollector("");
            f.pipe(noCollector);
            f.pipe(a("192.0.2.1", 4, "10.0.0.0/8", 1, 2));
            f.pipe(a("192.0.2.1", 100, "10.0.0.0/8", 1, 2));
            List<String> reasons = f.dlq(Topics.BGP_UPDATES).readValuesToList().stream().map(DeadLetter::getReason).toList();
            assertEquals(4, reasons.size());
            assertEquals("invalid prefix '10.0.0.1/8' has bits set past its length", reasons.get(0));
            assertEquals("invalid prefix '10.0.0.0/33' has length 33 outside 0..32", reasons.get(1));
            assertTrue(reasons.get(2).contains("in the future"), reasons.get(2));
            assertEquals("missing collector", reasons.get(3));
            FeatureVector v = f.bgpFeatures.readValuesToList().getFirst();
            assertEquals(1.0, value(v, "announcements"), "the one valid update of the window");
        }
    }

    @Test
    void originVectorsMergeEveryPeersPartialsAfterTheOriginGrace() {
        try (TopologyFixture f = new TopologyFixture(Map.of("vigil.aggregator.bgp.origin.grace", "1m"))) {
            f.pipe(a("192.0.2.1", 5, "10.0.0.0/8", 1, 3356, 64500));
            f.pipe(a("192.0.2.2", 6, "10.0.0.0/8", 2, 64500));
            f.pipe(a("192.0.2.2", 7, "11.0.0.0/8", 2, 64501));
            f.pipe(a("192.0.2.1", 70, "10.0.0.0/8", 1, 64501)); // moves 10/8 from AS64500 to AS64501 in window 2
            f.pipe(a("192.0.2.1", 300, "12.0.0.0/8", 1, 64502));
            f.pipe(a("192.0.2.2", 300, "12.0.0.0/8", 2, 64502));
            // Stream time 400 s closes the peers' windows through [300 s, 360 s); that partial (at 360 s) carries
            // the origin side past [60 s, 120 s) + 1 min grace + its end.
            f.pipe(a("192.0.2.1", 400, "13.0.0.0/8", 1, 64502));
            List<FeatureVector> origins = TopologyFixture.ofDomain(f.bgpFeatures.readValuesToList(), Entities.BGP_ORIGIN);
            FeatureVector as64500 = origins.stream().filter(v -> v.getEntity().equals("origin:AS64500")
                    && v.getWindowStart().equals(T0)).findFirst().orElseThrow();
            assertEquals(2.0, value(as64500, "announcements"));
            assertEquals(2.0, value(as64500, "peers"));
            assertEquals(2.5, value(as64500, "as_path_avg"), "(3 + 2) / 2");
            FeatureVector moved = origins.stream().filter(v -> v.getEntity().equals("origin:AS64501")
                    && v.getWindowStart().equals(T0.plusSeconds(60))).findFirst().orElseThrow();
            assertEquals(1.0, value(moved, "origin_as_gained"));
            FeatureVector lost = origins.stream().filter(v -> v.getEntity().equals("origin:AS64500")
                    && v.getWindowStart().equals(T0.plusSeconds(60))).findFirst().orElseThrow();
            assertEquals(1.0, value(lost, "origin_as_lost"));
            assertEquals(0.0, value(lost, "announcements"));
            assertEquals(Instant.ofEpochSecond(S + 120), moved.getWindowEnd());
        }
    }
}
