package dev.vigil.aggregator.bgp;

import dev.vigil.avro.OriginType;

/**
 * The last-seen state of one (peer, prefix): what the classifier compares the next update with. Kept small because
 * a full table is about a million of them per peer: 22 bytes plus the AS sequence as varints (1 to 5 bytes per ASN,
 * 2 to 3 for most), so about 35 bytes for a typical 5-hop path; the store key adds 10 to 19 bytes
 * ({@link StateKeys}).
 *
 * @param withdrawn          the last update was a withdrawal
 * @param attributesKnown    the last announcement's attributes are known (false after a withdrawal of a prefix
 *                           never seen announced)
 * @param origin             ORIGIN attribute of the last announcement, null when unknown
 * @param lastAnnounceSecond epoch second of the last announcement, -1 if none
 * @param lastUpdateSecond   epoch second of the last update of either kind (for expiry)
 * @param originAs           origin AS of the last announcement, 0 when unknown
 * @param pathHash           {@link PathFacts#pathHash()} of the last announcement
 * @param attributesHash     {@link PathFacts#attributesHash()} of the last announcement
 * @param sequence           AS sequence of the last announcement
 */
public record PrefixState(boolean withdrawn, boolean attributesKnown, OriginType origin, long lastAnnounceSecond,
                          long lastUpdateSecond, long originAs, int pathHash, int attributesHash, long[] sequence) {
    private static final long[] NONE = new long[0];
    private static final int FIXED_BYTES = 22;
    /** {@code OriginType.values()} copies its array on every call, and every update decodes a state. */
    private static final OriginType[] ORIGINS = OriginType.values();

    /** The state left by a withdrawal of a prefix never seen announced. */
    static PrefixState withdrawnUnknown(long second) {
        return new PrefixState(true, false, null, -1, second, 0, 0, 0, NONE);
    }

    static PrefixState announced(PathFacts path, OriginType origin, long second) {
        return new PrefixState(false, true, origin, second, second, path.originAs(), path.pathHash(), path.attributesHash(),
                path.sequence());
    }

    PrefixState withdraw(long second) {
        return new PrefixState(true, attributesKnown, origin, lastAnnounceSecond, second, originAs, pathHash, attributesHash, sequence);
    }

    /**
     * True when this state is too old to trust: a withdrawn prefix quiet for {@code withdrawnTtlSeconds}, or any
     * prefix quiet for {@code ttlSeconds}. An expired state counts as absent.
     */
    public boolean expired(long nowSecond, long withdrawnTtlSeconds, long ttlSeconds) {
        long quiet = nowSecond - lastUpdateSecond;
        return quiet > ttlSeconds || (withdrawn && quiet > withdrawnTtlSeconds);
    }

    /** Written by hand rather than through a ByteBuffer: every update decodes one state and encodes the next. */
    public byte[] encode() {
        int asns = Math.min(sequence.length, 255);
        int size = FIXED_BYTES;
        for (int i = 0; i < asns; i++) {
            size += Varints.size(sequence[i]);
        }
        byte[] out = new byte[size];
        out[0] = (byte) ((withdrawn ? 1 : 0) | (attributesKnown ? 2 : 0) | ((origin == null ? 3 : origin.ordinal()) << 2));
        putInt(out, 1, (int) lastAnnounceSecond);
        putInt(out, 5, (int) lastUpdateSecond);
        putInt(out, 9, (int) originAs);
        putInt(out, 13, pathHash);
        putInt(out, 17, attributesHash);
        out[21] = (byte) asns;
        int at = FIXED_BYTES;
        for (int i = 0; i < asns; i++) {
            at = Varints.put(out, at, sequence[i]);
        }
        return out;
    }

    public static PrefixState decode(byte[] bytes) {
        int flags = bytes[0];
        int originCode = (flags >> 2) & 3;
        long lastAnnounce = getInt(bytes, 1);
        long lastUpdate = getInt(bytes, 5) & 0xffffffffL;
        long originAs = getInt(bytes, 9) & 0xffffffffL;
        int pathHash = getInt(bytes, 13);
        int attributesHash = getInt(bytes, 17);
        long[] sequence = new long[bytes[21] & 0xff];
        int at = FIXED_BYTES;
        for (int i = 0; i < sequence.length; i++) {
            sequence[i] = Varints.get(bytes, at);
            at = Varints.end(bytes, at);
        }
        return new PrefixState((flags & 1) != 0, (flags & 2) != 0, originCode == 3 ? null : ORIGINS[originCode],
                lastAnnounce == -1 ? -1 : lastAnnounce & 0xffffffffL, lastUpdate, originAs, pathHash, attributesHash, sequence);
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    private static int getInt(byte[] in, int at) {
        return (in[at] & 0xff) << 24 | (in[at + 1] & 0xff) << 16 | (in[at + 2] & 0xff) << 8 | (in[at + 3] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrefixState p && p.withdrawn == withdrawn && p.attributesKnown == attributesKnown
                && p.origin == origin && p.lastAnnounceSecond == lastAnnounceSecond && p.lastUpdateSecond == lastUpdateSecond
                && p.originAs == originAs && p.pathHash == pathHash && p.attributesHash == attributesHash
                && java.util.Arrays.equals(p.sequence, sequence);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(withdrawn, origin, lastUpdateSecond, attributesHash, java.util.Arrays.hashCode(sequence));
    }
}
