package dev.vigil.aggregator.stream;

import static dev.vigil.aggregator.stream.TopologyFixture.T0;
import static dev.vigil.aggregator.stream.TopologyFixture.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.aggregator.bgp.Updates;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.OriginType;
import dev.vigil.kit.topics.Topics;
import dev.vigil.schemas.Entities;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An update keyed other than by its peer would be counted in a second window state of its own and split the
 * peer's vector in two. By default it is dead-lettered (with its bytes); with re-keying it joins its peer.
 */
class KeyMismatchTest {
    private static final long S = T0.getEpochSecond();

    private static BgpUpdate update(long second) {
        return Updates.announce("192.0.2.1", 64500, S + second, "10.0.0.0/8", OriginType.IGP, "192.0.2.1", 1, 2);
    }

    private static List<FeatureVector> peerVectors(TopologyFixture f) {
        f.pipe(update(100));
        f.pipe(update(200));
        return TopologyFixture.ofDomain(f.bgpFeatures.readValuesToList(), Entities.BGP_PEER).stream()
                .filter(v -> v.getWindowStart().equals(T0)).toList();
    }

    @Test
    void aRecordKeyedOtherThanByItsPeerIsDeadLetteredNotSplitOff() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(update(1));
            BgpUpdate misKeyed = update(2);
            f.bgp.pipeInput("rrc00|64500|192.0.2.99", misKeyed, misKeyed.getTimestamp());
            List<FeatureVector> vectors = peerVectors(f);
            assertEquals(1, vectors.size(), "one vector for the peer's first window: " + vectors);
            assertEquals(1.0, value(vectors.getFirst(), "announcements"));
            List<DeadLetter> letters = f.dlq(Topics.BGP_UPDATES).readValuesToList();
            assertEquals(1, letters.size());
            assertTrue(letters.getFirst().getReason().contains("does not match the value's entity"), letters.getFirst().getReason());
            byte[] original = f.ctx.serdes().value(BgpUpdate.class).serializer().serialize(Topics.BGP_UPDATES, misKeyed);
            byte[] kept = new byte[letters.getFirst().getValue().remaining()];
            letters.getFirst().getValue().duplicate().get(kept);
            assertArrayEquals(original, kept);
        }
    }

    @Test
    void withReKeyingItJoinsItsPeer() {
        try (TopologyFixture f = new TopologyFixture(Map.of("vigil.aggregator.rekey", "true"))) {
            f.pipe(update(1));
            BgpUpdate misKeyed = update(2);
            f.bgp.pipeInput("rrc00|64500|192.0.2.99", misKeyed, misKeyed.getTimestamp());
            List<FeatureVector> vectors = peerVectors(f);
            assertEquals(1, vectors.size(), vectors.toString());
            assertEquals(2.0, value(vectors.getFirst(), "announcements"));
            assertTrue(f.dlq(Topics.BGP_UPDATES).readValuesToList().isEmpty());
        }
    }
}
