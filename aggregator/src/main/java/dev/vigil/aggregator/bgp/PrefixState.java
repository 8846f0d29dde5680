package dev.vigil.aggregator.bgp;

import dev.vigil.avro.OriginType;
import java.nio.ByteBuffer;

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

    public byte[] encode() {
        int size = FIXED_BYTES;
        for (long asn : sequence) {
            size += Varints.size(asn);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        int flags = (withdrawn ? 1 : 0) | (attributesKnown ? 2 : 0) | ((origin == null ? 3 : origin.ordinal()) << 2);
        out.put((byte) flags);
        out.putInt((int) lastAnnounceSecond);
        out.putInt((int) lastUpdateSecond);
        out.putInt((int) originAs);
        out.putInt(pathHash);
        out.putInt(attributesHash);
        out.put((byte) Math.min(sequence.length, 255));
        for (int i = 0; i < Math.min(sequence.length, 255); i++) {
            Varints.put(out, sequence[i]);
        }
        return out.array();
    }

    public static PrefixState decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int flags = in.get();
        int originCode = (flags >> 2) & 3;
        long lastAnnounce = in.getInt();
        long lastUpdate = in.getInt() & 0xffffffffL;
        long originAs = in.getInt() & 0xffffffffL;
        int pathHash = in.getInt();
        int attributesHash = in.getInt();
        long[] sequence = new long[in.get() & 0xff];
        for (int i = 0; i < sequence.length; i++) {
            sequence[i] = Varints.get(in);
        }
        return new PrefixState((flags & 1) != 0, (flags & 2) != 0, originCode == 3 ? null : ORIGINS[originCode],
                lastAnnounce == -1 ? -1 : lastAnnounce & 0xffffffffL, lastUpdate, originAs, pathHash, attributesHash, sequence);
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
