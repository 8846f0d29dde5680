package dev.vigil.ingest.mrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.SegmentType;
import dev.vigil.avro.UpdateType;
import dev.vigil.ingest.net.IpText;
import dev.vigil.ingest.net.Prefix;
import dev.vigil.ingest.support.Datasets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real MRT samples give exactly the announcement and withdrawal counts per peer per minute that
 * {@code bgpdump -m} (RIPE NCC's reference C parser, Debian package bgpdump) prints for the same files.
 */
class MrtMatchesBgpdumpTest {
    private static final Path BGPDUMP = Path.of("/usr/bin/bgpdump");

    @ParameterizedTest
    @ValueSource(strings = {
            "bgp_raw_update_samples/ripe_bgpdump_test_data/updates.20020722.2238.gz",
            "bgp_raw_update_samples/ripe_bgpdump_test_data/updates.20070211.0141.gz",
            "bgp_raw_update_samples/ripe_bgpdump_test_data/updates.20071015.1505.gz",
            "bgp_raw_update_samples/ripe_bgpdump_test_data/updates.20100722.2015.gz",
            "bgp_raw_update_samples/ripe_bgpdump_test_data/updates.20160811.1600.gz",
            "bgp_raw_update_samples/caida_libbgpstream_test/ris.rrc06.updates.1427846400.gz",
            "bgp_raw_update_samples/caida_libbgpstream_test/routeviews.route-views.jinx.updates.1427846400.bz2"})
    void countsPerPeerPerMinuteEqualBgpdump(String relative) throws Exception {
        Path file = Datasets.file(relative);
        Map<String, Long> expected = bgpdumpCounts(file);
        Map<String, Long> actual = new TreeMap<>();
        try (MrtUpdateReader reader = MrtUpdateReader.open(file)) {
            while (reader.hasNext()) {
                BgpUpdate u = reader.next();
                String type = u.getType() == UpdateType.ANNOUNCE ? "A" : "W";
                actual.merge(key(u.getPeerAddress(), u.getPeerAsn(), u.getTimestamp().getEpochSecond(), type), 1L, Long::sum);
            }
            assertEquals(0, reader.malformedRecords(), "no record of a real file is malformed");
        }
        assertTrue(expected.size() > 10, "bgpdump printed updates for " + relative);
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "bgp_raw_update_samples/ripe_bgpdump_test_data/updates.20020722.2238.gz",
            "bgp_raw_update_samples/ripe_bgpdump_test_data/updates.20160811.1600.gz",
            "bgp_raw_update_samples/caida_libbgpstream_test/routeviews.route-views.jinx.updates.1427846400.bz2"})
    void everyElementEqualsBgpdumpsLineInOrder(String relative) throws Exception {
        Path file = Datasets.file(relative);
        List<String> expected = new ArrayList<>();
        for (String[] f : bgpdumpLines(file)) {
            String prefix = Prefix.parse(canonicalPrefix(f[5])).toString();
            expected.add(f[2].equals("W")
                    ? String.join("|", f[1], "W", canonical(f[3]), f[4], prefix)
                    : String.join("|", f[1], "A", canonical(f[3]), f[4], prefix, f[6], f[7], canonical(f[8]), f[11]));
        }
        List<String> actual = new ArrayList<>();
        try (MrtUpdateReader reader = MrtUpdateReader.open(file)) {
            reader.forEachRemaining(u -> actual.add(u.getType() == UpdateType.WITHDRAW
                    ? String.join("|", "" + u.getTimestamp().getEpochSecond(), "W", u.getPeerAddress(), "" + u.getPeerAsn(), u.getPrefix())
                    : String.join("|", "" + u.getTimestamp().getEpochSecond(), "A", u.getPeerAddress(), "" + u.getPeerAsn(),
                    u.getPrefix(), pathText(u), u.getOrigin().name(), u.getNextHop(), String.join(" ", u.getCommunities()))));
        }
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "element " + i);
        }
    }

    /** The AS path as bgpdump prints it: a sequence space-separated, an AS_SET as {a,b}. */
    private static String pathText(BgpUpdate u) {
        StringBuilder s = new StringBuilder();
        for (AsPathSegment segment : u.getAsPath()) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            String joined = segment.getAsns().stream().map(String::valueOf)
                    .collect(Collectors.joining(segment.getType() == SegmentType.AS_SET ? "," : " "));
            s.append(switch (segment.getType()) {
                case AS_SET -> "{" + joined + "}";
                case AS_CONFED_SEQUENCE -> "(" + joined + ")";
                case AS_CONFED_SET -> "[" + joined + "]";
                default -> joined;
            });
        }
        return s.toString();
    }

    private static String canonicalPrefix(String cidr) {
        int slash = cidr.indexOf('/');
        return canonical(cidr.substring(0, slash)) + cidr.substring(slash);
    }

    private static String key(String peer, long asn, long seconds, String type) {
        return peer + "|AS" + asn + "|" + (seconds / 60) + "|" + type;
    }

    /** bgpdump shortens a single zero group of an IPv6 address to ::, which RFC 5952 (and Vigil) does not. */
    private static String canonical(String address) {
        return IpText.format(InetAddress.ofLiteral(address).getAddress());
    }

    /** Runs bgpdump as its own process and counts its A and W lines per peer, minute and type. */
    static Map<String, Long> bgpdumpCounts(Path file) throws IOException, InterruptedException {
        Map<String, Long> counts = new TreeMap<>();
        for (String[] f : bgpdumpLines(file)) {
            counts.merge(key(canonical(f[3]), Long.parseLong(f[4]), Long.parseLong(f[1]), f[2]), 1L, Long::sum);
        }
        return counts;
    }

    /** The A and W lines of {@code bgpdump -m}, split into fields. */
    static List<String[]> bgpdumpLines(Path file) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(BGPDUMP), "bgpdump is required for this test: apt-get install bgpdump");
        Process process = new ProcessBuilder(BGPDUMP.toString(), "-m", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String[]> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] f = line.split("\\|", -1);
                if (f.length > 5 && (f[2].equals("A") || f[2].equals("W"))) {
                    lines.add(f);
                }
            }
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bgpdump finished");
        assertEquals(0, process.exitValue(), "bgpdump exit code");
        return lines;
    }
}
