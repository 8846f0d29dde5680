package dev.vigil.ingest.mrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.SegmentType;
import dev.vigil.avro.UpdateType;
import dev.vigil.ingest.OpenedInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** RFC 6396 / RFC 4271 cases built by hand: 4-byte ASNs, AS_SET, AS4_PATH, IPv6 MP_REACH/MP_UNREACH, ET. */
class MrtUpdateReaderTest {

    private static List<BgpUpdate> read(byte[] file) throws Exception {
        List<BgpUpdate> out = new ArrayList<>();
        try (MrtUpdateReader reader = new MrtUpdateReader(OpenedInput.of(new ByteArrayInputStream(file)), "rrc00")) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void as4MessageWithSetCommunitiesAndIpv6MultiprotocolPrefixes() throws Exception {
        byte[] path = new MrtBytes().bytes(2, 2).u32(65536).u32(3356).bytes(1, 2).u32(64496).u32(64497).build();
        byte[] mpReach = new MrtBytes().u16(2).u8(1).u8(32)
                .raw(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
                .raw(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2})
                .u8(0).bytes(32, 0x20, 0x01, 0x0d, (byte) 0xb8 & 0xff).build();
        byte[] mpUnreach = new MrtBytes().u16(2).u8(1).bytes(48, 0x20, 0x01, 0x0d, 0xb8, 0, 1).build();
        byte[] attrs = new MrtBytes()
                .raw(MrtBytes.attribute(0x40, 1, new byte[] {2}))
                .raw(MrtBytes.attribute(0x40, 2, path))
                .raw(MrtBytes.attribute(0x40, 3, new byte[] {(byte) 192, 0, 2, 1}))
                .raw(MrtBytes.attribute(0xc0, 8, new MrtBytes().u16(3356).u16(100).u16(65535).u16(65281).build()))
                .raw(MrtBytes.attribute(0xc0, 32, new MrtBytes().u32(4200000000L).u32(1).u32(2).build()))
                .raw(MrtBytes.attribute(0x80, 14, mpReach))
                .raw(MrtBytes.attribute(0x80, 15, mpUnreach)).build();
        byte[] withdrawn = new MrtBytes().bytes(24, 198, 51, 100).build();
        byte[] nlri = new MrtBytes().bytes(22, 203, 0, 113).bytes(0).build();
        byte[] record = MrtBytes.bgp4mp(1_500_000_000L, 16, 4, 4_200_000_001L, MrtBytes.update(withdrawn, attrs, nlri), null);

        List<BgpUpdate> updates = read(record);

        assertEquals(List.of("W 198.51.100.0/24", "W 2001:db8:1::/48", "A 203.0.112.0/22", "A 0.0.0.0/0", "A 2001:db8::/32"),
                updates.stream().map(u -> u.getType().name().charAt(0) + " " + u.getPrefix()).toList());
        BgpUpdate v4 = updates.get(2);
        assertEquals(4_200_000_001L, v4.getPeerAsn());
        assertEquals("192.0.2.1", v4.getPeerAddress());
        assertEquals("rrc00", v4.getCollector());
        assertEquals(Instant.ofEpochSecond(1_500_000_000L), v4.getTimestamp());
        assertEquals(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, List.of(65536L, 3356L)),
                new AsPathSegment(SegmentType.AS_SET, List.of(64496L, 64497L))), v4.getAsPath());
        assertEquals(OriginType.INCOMPLETE, v4.getOrigin());
        assertEquals("192.0.2.1", v4.getNextHop());
        assertEquals(List.of("3356:100", "65535:65281", "4200000000:1:2"), v4.getCommunities());
        BgpUpdate v6 = updates.get(4);
        assertEquals("2001:db8::1", v6.getNextHop(), "the global IPv6 next hop, not the link-local one");
        assertEquals(v4.getAsPath(), v6.getAsPath());
        BgpUpdate withdrawal = updates.get(0);
        assertEquals(UpdateType.WITHDRAW, withdrawal.getType());
        assertEquals(List.of(), withdrawal.getAsPath());
        assertNull(withdrawal.getOrigin());
        assertNull(withdrawal.getNextHop());
    }

    @Test
    void twoByteSessionMergesAs4PathAndEtRecordsKeepMicroseconds() throws Exception {
        byte[] asPath = new MrtBytes().bytes(2, 3).u16(3356).u16(23456).u16(23456).build();
        byte[] as4Path = new MrtBytes().bytes(2, 2).u32(196608).u32(4200000000L).build();
        byte[] attrs = new MrtBytes()
                .raw(MrtBytes.attribute(0x40, 1, new byte[] {0}))
                .raw(MrtBytes.attribute(0x40, 2, asPath))
                .raw(MrtBytes.attribute(0xc0, 17, as4Path))
                .raw(MrtBytes.attribute(0x40, 3, new byte[] {10, 0, 0, 1})).build();
        byte[] nlri = new MrtBytes().bytes(8, 10).build();
        byte[] record = MrtBytes.bgp4mp(1_000_000_000L, 17, 1, 3356, MrtBytes.update(new byte[0], attrs, nlri), 250_000);

        BgpUpdate u = read(record).getFirst();

        assertEquals(List.of(new AsPathSegment(SegmentType.AS_SEQUENCE, List.of(3356L, 196608L, 4200000000L))), u.getAsPath(),
                "the first AS of AS_PATH, then the two of AS4_PATH in place of the AS_TRANS ones");
        assertEquals(OriginType.IGP, u.getOrigin());
        assertEquals("10.0.0.0/8", u.getPrefix());
        assertEquals(Instant.ofEpochSecond(1_000_000_000L, 250_000_000), u.getTimestamp());
    }

    @Test
    void malformedAndOtherRecordsAreCountedAndSkippedAndGzipIsDetectedByContent() throws Exception {
        byte[] good = MrtBytes.bgp4mp(1, 16, 1, 65000, MrtBytes.update(new MrtBytes().bytes(16, 10, 1).build(), new byte[0], new byte[0]), null);
        byte[] badPrefix = MrtBytes.bgp4mp(2, 16, 1, 65000, MrtBytes.update(new MrtBytes().bytes(40, 10, 1).build(), new byte[0], new byte[0]), null);
        byte[] stateChange = MrtBytes.bgp4mp(3, 16, 0, 65000, new byte[] {0, 1, 0, 6}, null);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(new MrtBytes().raw(good).raw(badPrefix).raw(stateChange).raw(good).raw(truncated).build());
        }
        try (MrtUpdateReader reader = new MrtUpdateReader(OpenedInput.of(new ByteArrayInputStream(gz.toByteArray())), "x")) {
            List<BgpUpdate> updates = new ArrayList<>();
            reader.forEachRemaining(updates::add);
            assertEquals(2, updates.size());
            assertEquals("10.1.0.0/16", updates.getFirst().getPrefix());
            assertEquals(2, reader.malformedRecords(), "the prefix longer than 32 bits and the truncated record");
            assertEquals(1, reader.skippedRecords(), "the state change");
            assertEquals(2, reader.updateMessages());
            assertFalse(reader.hasNext());
        }
    }

    @Test
    void collectorNamesAreGuessedFromRisAndRouteViewsFileNames() {
        assertEquals("rrc06", Collectors.guess("ris.rrc06.updates.1427846400.gz"));
        assertEquals("route-views.jinx", Collectors.guess("routeviews.route-views.jinx.updates.1427846400.bz2"));
        assertEquals("unknown", Collectors.guess("updates.20020722.2238.gz"));
    }
}
