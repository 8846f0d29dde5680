package dev.vigil.aggregator.stream;

import static dev.vigil.aggregator.stream.TopologyFixture.T0;
import static dev.vigil.aggregator.stream.TopologyFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.aggregator.bgp.OriginWindowFeatures;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
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
            List<FeatureVector> out = TopologyFixture.ofDomain(f.bgpFeatures.readValuesToList(), Entities.BGP_PEER);
            assertEquals(1, out.size());
            FeatureVector v = out.getFirst();
            assertEquals("peer:rrc00|AS64500|192.0.2.1", v.getEntity());
            assertEquals(Entities.BGP_PEER, v.getDomain());
            assertEquals(T0, v.getWindowStart());
            assertEquals(T0.plusSeconds(60), v.getWindowEnd());
            assertEquals(UfamFeatures.NAMES, v.getFeatureNames().subList(0, UfamFeatures.NAMES.size()));
            assertEquals(3 * UfamFeatures.NAMES.size(), v.getFeatureNames().size());
            assertEquals(3, v.getEventCount());
            assertEquals(2.0, value(v, "announcements"));
            assertEquals(1.0, value(v, "withdrawals"));
            assertEquals(1.0, value(v, "news"));
            assertEquals(1.0, value(v, "imp_wd_dpath"));
            assertEquals(1.0, value(v, "edit_distance_dict_1"));
            f.pipe(a("192.0.2.1", 200, "12.0.0.0/8", 1, 2));
            assertEquals(1, TopologyFixture.ofDomain(f.bgpFeatures.readValuesToList(), Entities.BGP_PEER).stream()
                    .filter(x -> x.getWindowStart().equals(T0.plusSeconds(60))).count(),
                    "the next window is emitted once too");
        }
    }

    @Test
    void expiredPrefixStatesAreSweptAtMostOncePerSweepIntervalOfEventTime() {
        Map<String, String> settings = Map.of("vigil.aggregator.bgp.withdrawn.ttl", "5m", "vigil.aggregator.bgp.sweep.interval", "30m");
        try (TopologyFixture f = new TopologyFixture(settings)) {
            for (int i = 0; i < 3; i++) {
                f.pipe(a("192.0.2.1", 1 + i, (10 + i) + ".0.0.0/8", 1, 2));
                f.pipe(Updates.withdraw("192.0.2.1", 64500, S + 5 + i, (10 + i) + ".0.0.0/8"));
            }
            f.pipe(a("192.0.2.1", 90, "20.0.0.0/8", 1, 2)); // closes the first window: a pass over 4 live states
            assertEquals(4, prefixStates(f));
            f.pipe(a("192.0.2.1", 60L * 10, "21.0.0.0/8", 1, 2)); // withdrawals 10 min old: expired, but no new pass yet
            assertEquals(5, prefixStates(f));
            f.pipe(a("192.0.2.1", 60L * 31, "22.0.0.0/8", 1, 2)); // 30 min on, a new pass deletes the three
            assertEquals(3, prefixStates(f));
        }
    }

    private static long prefixStates(TopologyFixture f) {
        org.apache.kafka.streams.state.KeyValueStore<Object, Object> store = f.driver.getKeyValueStore(AggregatorTopology.BGP_PREFIX_STATE);
        long n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void peerVectorsCarryFeaturesRelativeToThePeersOwnBaselineKeptInAStore() {
        try (TopologyFixture f = new TopologyFixture()) {
            for (int minute = 0; minute < 30; minute++) { // two announcements a minute: the peer's normal
                f.pipe(a("192.0.2.1", 60L * minute + 1, "10.0.0.0/8", 1, 2));
                f.pipe(a("192.0.2.1", 60L * minute + 2, "11.0.0.0/8", 1, 2));
            }
            for (int i = 0; i < 30; i++) { // then a burst of thirty in one minute
                f.pipe(a("192.0.2.1", 60L * 30 + 1 + i, "12.0.0.0/8", 1, 2 + i % 2));
            }
            f.pipe(a("192.0.2.1", 60L * 40, "10.0.0.0/8", 1, 2));
            List<FeatureVector> out = TopologyFixture.ofDomain(f.bgpFeatures.readValuesToList(), Entities.BGP_PEER);
            FeatureVector first = out.getFirst();
            FeatureVector quiet = out.stream().filter(v -> v.getWindowStart().equals(T0.plusSeconds(60L * 20))).findFirst().orElseThrow();
            FeatureVector burst = out.stream().filter(v -> v.getWindowStart().equals(T0.plusSeconds(60L * 30))).findFirst().orElseThrow();
            assertEquals(2.0, value(first, "announcements.ratio"), "an empty baseline has median 0: ratio = value");
            assertEquals(2.0 / 3, value(quiet, "announcements.ratio"), 1e-9);
            assertEquals(0.0, value(quiet, "announcements.z"), 1e-9);
            assertEquals(30.0, value(burst, "announcements"));
            assertEquals(10.0, value(burst, "announcements.ratio"), 1e-9);
            assertEquals(dev.vigil.models.baseline.RelativeFeatures.Z_LIMIT, value(burst, "announcements.z"), 1e-9,
                    "a burst fifteen times the constant normal: z at its limit");
            byte[] stored = f.driver.<org.apache.kafka.common.utils.Bytes, byte[]>getKeyValueStore(AggregatorTopology.BGP_PEER_BASELINES)
                    .get(org.apache.kafka.common.utils.Bytes.wrap("peer:rrc00|AS64500|192.0.2.1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(UfamFeatures.NAMES.size(), dev.vigil.models.baseline.RollingBaseline.decode(stored).features());
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
    void originVectorsMergeEveryPeersPartials() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(a("192.0.2.1", 5, "10.0.0.0/8", 1, 3356, 64500));
            f.pipe(a("192.0.2.2", 6, "10.0.0.0/8", 2, 64500));
            f.pipe(a("192.0.2.2", 7, "11.0.0.0/8", 2, 64501));
            f.pipe(a("192.0.2.1", 70, "10.0.0.0/8", 1, 64501)); // moves 10/8 from AS64500 to AS64501 in window 2
            f.pipe(a("192.0.2.1", 300, "12.0.0.0/8", 1, 64502));
            f.pipe(a("192.0.2.2", 300, "12.0.0.0/8", 2, 64502));
            // Stream time 400 s closes the peers' windows through [300 s, 360 s); the closed marker behind the partials
            // lets the origin side close them at once.
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

    /** A second peer task, simulated by writing its partials and closed markers into the origin topic directly. */
    private static TestInputTopic<String, byte[]> originTopic(TopologyFixture f) {
        return f.driver.createInputTopic("vigil-aggregator-bgp-origin-repartition", new StringSerializer(), new ByteArraySerializer());
    }

    private static final int SLOW_TASK = 7;

    @Test
    void anOriginWindowWaitsForEveryPeerTaskThatHasNotClosedItYet() {
        try (TopologyFixture f = new TopologyFixture()) {
            TestInputTopic<String, byte[]> origin = originTopic(f);
            long w0 = T0.toEpochMilli();
            origin.pipeInput("peer-task-7", OriginMessages.closed(SLOW_TASK, w0 - 60_000), T0);
            f.pipe(a("192.0.2.1", 5, "10.0.0.0/8", 1, 64500));
            f.pipe(a("192.0.2.1", 400, "11.0.0.0/8", 1, 64501)); // this task closes [0 s, 60 s) and more
            assertTrue(originVectors(f, "origin:AS64500", T0).isEmpty(), "the slow task has not closed [0 s, 60 s)");

            OriginWindowFeatures slowPartial = new OriginWindowFeatures();
            slowPartial.addLost(99);
            origin.pipeInput("origin:AS64500", OriginMessages.partial(w0, slowPartial.encode()), T0.plusSeconds(60));
            origin.pipeInput("peer-task-7", OriginMessages.closed(SLOW_TASK, w0), T0.plusSeconds(60));
            List<FeatureVector> merged = originVectors(f, "origin:AS64500", T0);
            assertEquals(1, merged.size());
            assertEquals(1.0, value(merged.getFirst(), "announcements"), "the fast task's update");
            assertEquals(1.0, value(merged.getFirst(), "origin_as_lost"), "the slow task's partial");
            assertTrue(f.late.isEmpty());
        }
    }

    @Test
    void partialsOfEitherFormatMergeWhateverFormatThisVersionWrites() {
        // During a rolling upgrade an older peer task sends fixed-width partials, and this one may be told to write them.
        for (String compact : List.of("true", "false")) {
            try (TopologyFixture f = new TopologyFixture(Map.of("vigil.aggregator.bgp.compact.partials", compact))) {
                TestInputTopic<String, byte[]> origin = originTopic(f);
                long w0 = T0.toEpochMilli();
                origin.pipeInput("peer-task-7", OriginMessages.closed(SLOW_TASK, w0 - 60_000), T0);
                f.pipe(a("192.0.2.1", 5, "10.0.0.0/8", 1, 3356, 64500));
                f.pipe(a("192.0.2.2", 6, "10.0.0.0/8", 2, 64500));
                f.pipe(a("192.0.2.1", 400, "11.0.0.0/8", 1, 64501));
                OriginWindowFeatures older = new OriginWindowFeatures();
                older.addLost(99);
                origin.pipeInput("origin:AS64500", OriginMessages.partial(w0, older.encodeFixedWidth()), T0.plusSeconds(60));
                origin.pipeInput("peer-task-7", OriginMessages.closed(SLOW_TASK, w0), T0.plusSeconds(60));
                List<FeatureVector> merged = originVectors(f, "origin:AS64500", T0);
                assertEquals(1, merged.size(), compact);
                assertEquals(2.0, value(merged.getFirst(), "announcements"), compact);
                assertEquals(2.5, value(merged.getFirst(), "as_path_avg"), compact);
                assertEquals(1.0, value(merged.getFirst(), "origin_as_lost"), "the older task's partial, " + compact);
                assertEquals(3.0, value(merged.getFirst(), "peers"), compact);
            }
        }
    }

    @Test
    void aSilentPeerTaskIsWaitedForAtMostTheMaximumWaitThenItsPartialsAreLate() {
        try (TopologyFixture f = new TopologyFixture(Map.of("vigil.aggregator.bgp.origin.max.wait", "5m"))) {
            TestInputTopic<String, byte[]> origin = originTopic(f);
            origin.pipeInput("peer-task-7", OriginMessages.closed(SLOW_TASK, T0.toEpochMilli() - 60_000), T0);
            f.pipe(a("192.0.2.1", 70, "10.0.0.0/8", 1, 64501));
            f.pipe(a("192.0.2.1", 400, "11.0.0.0/8", 1, 64502)); // this task closes [60 s, 120 s); task 7 has not
            f.pipe(a("192.0.2.1", 3000, "12.0.0.0/8", 1, 64502)); // however far ahead: task 7 was heard just now
            assertTrue(originVectors(f, "origin:AS64501", T0.plusSeconds(60)).isEmpty());

            f.driver.advanceWallClockTime(java.time.Duration.ofMinutes(6));
            f.pipe(a("192.0.2.1", 3100, "13.0.0.0/8", 1, 64502)); // task 7 silent for 6 minutes: no longer waited for
            assertEquals(1, originVectors(f, "origin:AS64501", T0.plusSeconds(60)).size());

            origin.pipeInput("origin:AS64501", OriginMessages.partial(T0.toEpochMilli() + 60_000, new OriginWindowFeatures().encode()),
                    T0.plusSeconds(120));
            DeadLetter late = f.late.readValue();
            assertTrue(late.getReason().contains("its windows are closed"), late.getReason());
            assertEquals(1.0, f.counter("vigil.aggregator.late.records"));
        }
    }

    @Test
    void everyPeerTaskOfTheInputIsWaitedForFromTheStartUntilItSaysItIsIdle() {
        try (TopologyFixture f = new TopologyFixture(Map.of("vigil.aggregator.bgp.peer.tasks", "1"))) {
            // Task 0 (the fixture's only real one) has no input; task 7 runs ahead with partials and markers.
            TestInputTopic<String, byte[]> origin = originTopic(f);
            long w0 = T0.toEpochMilli();
            OriginWindowFeatures partial = new OriginWindowFeatures();
            partial.addLost(99);
            origin.pipeInput("origin:AS64500", OriginMessages.partial(w0, partial.encode()), T0.plusSeconds(60));
            origin.pipeInput("peer-task-7", OriginMessages.closed(SLOW_TASK, w0 + 240_000), T0.plusSeconds(300));
            assertTrue(originVectors(f, "origin:AS64500", T0).isEmpty(), "task 0 has not closed [0 s, 60 s), nor said it is idle");

            f.driver.advanceWallClockTime(java.time.Duration.ofSeconds(30));
            assertEquals(1, originVectors(f, "origin:AS64500", T0).size(), "task 0 said it is idle after 30 s without input");
        }
    }

    private static List<FeatureVector> originVectors(TopologyFixture f, String origin, Instant windowStart) {
        return TopologyFixture.ofDomain(f.bgpFeatures.readValuesToList(), Entities.BGP_ORIGIN).stream()
                .filter(v -> v.getEntity().equals(origin) && v.getWindowStart().equals(windowStart)).toList();
    }
}
