package dev.vigil.ingest.rislive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.avro.AsPathSegment;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.OriginType;
import dev.vigil.avro.SegmentType;
import dev.vigil.avro.UpdateType;
import dev.vigil.ingest.OpenedInput;
import dev.vigil.ingest.ReplaySource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Reads RIS Live messages, one JSON object per line (as saved from the websocket or its HTTP stream), into one
 * {@link BgpUpdate} per prefix. Only {@code ris_message} objects of type UPDATE yield records; other messages
 * (OPEN, KEEPALIVE, RIS_PEER_STATE, ris_error) are counted as skipped and lines that are not JSON as malformed.
 * In a RIS Live path a nested array is an AS_SET.
 */
public final class RisLiveReader implements ReplaySource<BgpUpdate> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenedInput input;
    private final BufferedReader lines;
    private final ArrayDeque<BgpUpdate> pending = new ArrayDeque<>();
    private boolean eof;
    private long messages;
    private long skipped;
    private long malformed;

    public RisLiveReader(OpenedInput input) {
        this.input = input;
        this.lines = new BufferedReader(new InputStreamReader(input.stream(), StandardCharsets.UTF_8));
    }

    public static RisLiveReader open(Path file) {
        return new RisLiveReader(OpenedInput.open(file));
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !eof) {
            readLine();
        }
        return !pending.isEmpty();
    }

    @Override
    public BgpUpdate next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    private void readLine() {
        String line;
        try {
            line = lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line == null) {
            eof = true;
            return;
        }
        if (line.isBlank()) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(line);
        } catch (IOException e) {
            malformed++;
            return;
        }
        JsonNode data = message.has("data") ? message.get("data") : message;
        if (!"UPDATE".equals(data.path("type").asText())) {
            skipped++;
            return;
        }
        try {
            pending.addAll(updates(data));
            messages++;
        } catch (IllegalArgumentException e) {
            malformed++;
        }
    }

    /** The elements of one RIS Live UPDATE: withdrawals first, then announcements. */
    static List<BgpUpdate> updates(JsonNode data) {
        String collector = text(data, "host");
        long peerAsn = Long.parseLong(text(data, "peer_asn"));
        String peer = text(data, "peer");
        Instant time = Instant.ofEpochMilli(Math.round(data.path("timestamp").asDouble() * 1000));
        List<BgpUpdate> out = new ArrayList<>();
        for (JsonNode prefix : data.path("withdrawals")) {
            out.add(update(collector, peerAsn, peer, time, UpdateType.WITHDRAW, prefix.asText(), List.of(), null, null, List.of()));
        }
        JsonNode announcements = data.path("announcements");
        if (announcements.isEmpty()) {
            return out;
        }
        List<AsPathSegment> path = path(data.path("path"));
        OriginType origin = data.hasNonNull("origin") ? OriginType.valueOf(data.get("origin").asText().toUpperCase(Locale.ROOT)) : null;
        List<String> communities = communities(data);
        for (JsonNode announcement : announcements) {
            String nextHop = announcement.path("next_hop").asText(null);
            for (JsonNode prefix : announcement.path("prefixes")) {
                out.add(update(collector, peerAsn, peer, time, UpdateType.ANNOUNCE, prefix.asText(), path, origin, nextHop, communities));
            }
        }
        return out;
    }

    private static List<AsPathSegment> path(JsonNode path) {
        List<AsPathSegment> segments = new ArrayList<>();
        List<Long> sequence = new ArrayList<>();
        for (JsonNode hop : path) {
            if (hop.isArray()) {
                if (!sequence.isEmpty()) {
                    segments.add(new AsPathSegment(SegmentType.AS_SEQUENCE, sequence));
                    sequence = new ArrayList<>();
                }
                List<Long> set = new ArrayList<>();
                hop.forEach(asn -> set.add(asn.asLong()));
                segments.add(new AsPathSegment(SegmentType.AS_SET, set));
            } else {
                sequence.add(hop.asLong());
            }
        }
        if (!sequence.isEmpty()) {
            segments.add(new AsPathSegment(SegmentType.AS_SEQUENCE, sequence));
        }
        return segments;
    }

    private static List<String> communities(JsonNode data) {
        List<String> out = new ArrayList<>();
        for (String field : List.of("community", "large_community")) {
            for (JsonNode community : data.path(field)) {
                List<String> parts = new ArrayList<>();
                community.forEach(part -> parts.add(part.asText()));
                out.add(String.join(":", parts));
            }
        }
        return out;
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("RIS Live UPDATE without " + field);
        }
        return node.asText();
    }

    private static BgpUpdate update(String collector, long peerAsn, String peer, Instant time, UpdateType type, String prefix,
                                    List<AsPathSegment> path, OriginType origin, String nextHop, List<String> communities) {
        return BgpUpdate.newBuilder().setCollector(collector).setPeerAsn(peerAsn).setPeerAddress(peer).setType(type)
                .setPrefix(prefix).setAsPath(path).setOrigin(origin).setNextHop(nextHop).setCommunities(communities)
                .setTimestamp(time).build();
    }

    /** UPDATE messages read. */
    public long messages() {
        return messages;
    }

    /** Messages of other types (OPEN, KEEPALIVE, peer state, errors). */
    public long skipped() {
        return skipped;
    }

    /** Lines that are not JSON or UPDATEs missing a required field. */
    public long malformed() {
        return malformed;
    }

    @Override
    public double progress() {
        return input.progress();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
