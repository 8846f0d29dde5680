package dev.vigil.aggregator.bgp;

import dev.vigil.schemas.FeatureNames;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Features of one origin AS over one window, from the updates of every peer whose announced path ends in it (and
 * the withdrawals of routes whose last known origin it was). Built as mergeable partials: each stream task sums
 * its own peers' updates, and the partials of all tasks are merged per origin after one re-key. No public labelled
 * dataset has per-origin features, so averages here are plain means. aggregator/README.md defines each feature.
 */
public final class OriginWindowFeatures {
    public static final List<String> NAMES = FeatureNames.BGP_ORIGIN;

    // Counters in NAMES order up to origin_as_lost, then the sums and maxima behind the averages.
    private static final int COUNTERS = 14;
    private static final int PATH_SUM = 14;
    private static final int PATH_MAX = 15;
    private static final int UNIQUE_SUM = 16;
    private static final int UNIQUE_MAX = 17;
    private static final int EDIT_COUNT = 18;
    private static final int EDIT_SUM = 19;
    private static final int EDIT_MAX = 20;
    private static final int SLOTS = 21;
    /** First byte of {@link #encode()}: the fixed-width format before it starts with a count's high byte, always 0. */
    private static final byte COMPACT = (byte) 0x81;

    private final long[] v = new long[SLOTS];
    private long[] peers = new long[2];
    private int peerCount;

    /** Adds an update of {@code peerId} whose (new or withdrawn) origin is this AS. */
    public void add(UpdateFacts f, long peerId, long windowStartMillis) {
        addPeer(peerId);
        if (!f.kind().announcement()) {
            v[1]++;
            if (f.kind() == UpdateKind.DUPLICATE_WITHDRAWAL) {
                v[10]++;
            }
            return;
        }
        v[0]++;
        if (f.previousAnnounceMillis() < windowStartMillis) {
            v[2]++;
        }
        switch (f.kind()) {
            case NEW -> v[3]++;
            case DUPLICATE -> v[4]++;
            case IMPLICIT_SAME_PATH -> {
                v[5]++;
                v[6]++;
            }
            case IMPLICIT_DIFF_PATH -> {
                v[5]++;
                v[7]++;
            }
            case NEW_AFTER_WITHDRAWAL -> v[8]++;
            case FLAP -> v[9]++;
            default -> throw new IllegalStateException(f.kind().name());
        }
        if (f.originAttributeChanged()) {
            v[11]++;
        }
        if (f.originAsChanged()) {
            v[12]++;
        }
        v[PATH_SUM] += f.pathLength();
        v[PATH_MAX] = Math.max(v[PATH_MAX], f.pathLength());
        v[UNIQUE_SUM] += f.uniquePathLength();
        v[UNIQUE_MAX] = Math.max(v[UNIQUE_MAX], f.uniquePathLength());
        if (f.editDistance() >= 0) {
            v[EDIT_COUNT]++;
            v[EDIT_SUM] += f.editDistance();
            v[EDIT_MAX] = Math.max(v[EDIT_MAX], f.editDistance());
        }
    }

    /** Counts an announcement of {@code peerId} that moved a prefix away from this origin AS. */
    public void addLost(long peerId) {
        addPeer(peerId);
        v[13]++;
    }

    public void merge(OriginWindowFeatures other) {
        for (int i = 0; i < SLOTS; i++) {
            v[i] = i == PATH_MAX || i == UNIQUE_MAX || i == EDIT_MAX ? Math.max(v[i], other.v[i]) : v[i] + other.v[i];
        }
        for (int i = 0; i < other.peerCount; i++) {
            addPeer(other.peers[i]);
        }
    }

    private void addPeer(long peerId) {
        for (int i = 0; i < peerCount; i++) {
            if (peers[i] == peerId) {
                return;
            }
        }
        if (peerCount == peers.length) {
            peers = Arrays.copyOf(peers, peerCount * 2);
        }
        peers[peerCount++] = peerId;
    }

    public long eventCount() {
        return v[0] + v[1];
    }

    /** Values in {@link #NAMES} order. */
    public double[] values() {
        double[] out = new double[NAMES.size()];
        for (int i = 0; i < COUNTERS; i++) {
            out[i] = v[i];
        }
        out[14] = v[0] == 0 ? 0 : (double) v[PATH_SUM] / v[0];
        out[15] = v[PATH_MAX];
        out[16] = v[0] == 0 ? 0 : (double) v[UNIQUE_SUM] / v[0];
        out[17] = v[UNIQUE_MAX];
        out[18] = v[EDIT_COUNT] == 0 ? 0 : (double) v[EDIT_SUM] / v[EDIT_COUNT];
        out[19] = v[EDIT_MAX];
        out[20] = peerCount;
        return out;
    }

    /**
     * Varints after a format byte, the peer ids as 8 bytes each: about 40 bytes for a partial of a few peers instead of
     * 176 and more. Every partial goes through the repartition topic and the changelogs of two stores, thousands per
     * window in each task.
     */
    public byte[] encode() {
        int size = 1 + Varints.size(peerCount) + 8 * peerCount;
        for (long x : v) {
            size += Varints.size(x);
        }
        byte[] out = new byte[size];
        out[0] = COMPACT;
        int at = 1;
        for (long x : v) {
            at = Varints.put(out, at, x);
        }
        at = Varints.put(out, at, peerCount);
        for (int i = 0; i < peerCount; i++) {
            for (int b = 0; b < 8; b++) {
                out[at++] = (byte) (peers[i] >>> (56 - 8 * b));
            }
        }
        return out;
    }

    /** The fixed-width format that versions before {@link #encode()} read: 8 bytes per value. */
    public byte[] encodeFixedWidth() {
        ByteBuffer out = ByteBuffer.allocate(8 * (SLOTS + 1 + peerCount));
        for (long x : v) {
            out.putLong(x);
        }
        out.putLong(peerCount);
        for (int i = 0; i < peerCount; i++) {
            out.putLong(peers[i]);
        }
        return out.array();
    }

    /** Reads {@link #encode()}'s bytes, and the fixed-width longs written before it (their first byte is always 0). */
    public static OriginWindowFeatures decode(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != COMPACT) {
            return decodeFixed(bytes);
        }
        OriginWindowFeatures f = new OriginWindowFeatures();
        int at = 1;
        for (int i = 0; i < SLOTS; i++) {
            f.v[i] = Varints.get(bytes, at);
            at = Varints.end(bytes, at);
        }
        int n = (int) Varints.get(bytes, at);
        at = Varints.end(bytes, at);
        f.peers = new long[Math.max(2, n)];
        for (int i = 0; i < n; i++) {
            long id = 0;
            for (int b = 0; b < 8; b++) {
                id = id << 8 | (bytes[at++] & 0xff);
            }
            f.peers[i] = id;
        }
        f.peerCount = n;
        return f;
    }

    /** {@link #encodeFixedWidth()}'s bytes, still in changelogs and the repartition topic after an upgrade. */
    private static OriginWindowFeatures decodeFixed(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        OriginWindowFeatures f = new OriginWindowFeatures();
        for (int i = 0; i < SLOTS; i++) {
            f.v[i] = in.getLong();
        }
        int n = (int) in.getLong();
        f.peers = new long[Math.max(2, n)];
        for (int i = 0; i < n; i++) {
            f.peers[i] = in.getLong();
        }
        f.peerCount = n;
        return f;
    }
}
