package dev.vigil.ingest.rislive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.SegmentType;
import dev.vigil.avro.UpdateType;
import dev.vigil.ingest.OpenedInput;
import dev.vigil.ingest.support.Datasets;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RisLiveReaderTest {

    @Test
    void realSampleYieldsItsOneUpdateAndCountsTheOtherMessages() throws Exception {
        try (RisLiveReader reader = RisLiveReader.open(Datasets.file("bgp_raw_update_samples/caida_libbgpstream_test/ris-live-stream.json"))) {
            List<BgpUpdate> updates = new ArrayList<>();
            reader.forEachRemaining(updates::add);
            assertEquals(1, updates.size());
            BgpUpdate u = updates.getFirst();
            assertEquals("rrc00", u.getCollector());
            assertEquals(11708, u.getPeerAsn());
            assertEquals("72.22.223.9", u.getPeerAddress());
            assertEquals(UpdateType.ANNOUNCE, u.getType());
            assertEquals("45.161.192.0/23", u.getPrefix());
            assertEquals(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, List.of(11708L, 32097L, 1299L, 52320L, 263009L,
                    263009L, 263009L, 263009L, 263009L, 52993L, 268481L, 268481L))), u.getAsPath());
            assertEquals(OriginType.IGP, u.getOrigin());
            assertEquals("72.22.223.9", u.getNextHop());
            assertEquals(Instant.ofEpochMilli(1553627987890L), u.getTimestamp());
            assertEquals(1, reader.messages());
            assertEquals(5, reader.skipped(), "peer state, error, OPEN, NOTIFICATION, KEEPALIVE");
            assertEquals(1, reader.malformed(), "the last line is cut short");
        }
    }

    @Test
    void nestedArraysAreAsSetsAndWithdrawalsComeFirst() throws Exception {
        String line = """
                {"type":"ris_message","data":{"timestamp":1.5,"peer":"2001:db8::1","peer_asn":"64496","host":"rrc21","type":"UPDATE",\
                "path":[64496,3356,[64511,64510]],"origin":"incomplete","community":[[3356,100]],\
                "announcements":[{"next_hop":"2001:db8::1","prefixes":["2001:db8:1::/48","2001:db8:2::/48"]}],\
                "withdrawals":["2001:db8:3::/48"]}}
                """;
        try (RisLiveReader reader = new RisLiveReader(OpenedInput.of(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8))))) {
            List<BgpUpdate> updates = new ArrayList<>();
            reader.forEachRemaining(updates::add);
            assertEquals(List.of("WITHDRAW 2001:db8:3::/48", "ANNOUNCE 2001:db8:1::/48", "ANNOUNCE 2001:db8:2::/48"),
                    updates.stream().map(u -> u.getType() + " " + u.getPrefix()).toList());
            assertEquals(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, List.of(64496L, 3356L)),
                    new AsPathSegment(SegmentType.AS_SET, List.of(64511L, 64510L))), updates.get(1).getAsPath());
            assertEquals(OriginType.INCOMPLETE, updates.get(1).getOrigin());
            assertEquals(List.of("3356:100"), updates.get(1).getCommunities());
            assertEquals(Instant.ofEpochMilli(1500), updates.getFirst().getTimestamp());
        }
    }
}
