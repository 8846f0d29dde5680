package dev.vigil.aggregator.bgp;

import dev.vigil.ingest.net.Prefix;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Store keys of the per-(peer, prefix) state: an 8-byte peer id (a 64-bit hash of the peer's entity name, so
 * all of a peer's prefixes sort together), then the address family, the prefix length and only the significant
 * bytes of the prefix: 13 bytes for an IPv4 /24, 16 for an IPv6 /48.
 */
public final class StateKeys {
    private StateKeys() {
    }

    /** A 64-bit id of a peer entity (FNV-1a then a mixing step); collisions among thousands of peers are negligible. */
    public static long peerId(String peerEntity) {
        long h = 0xcbf29ce484222325L;
        for (byte b : peerEntity.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** Written byte by byte: one per update, and a ByteBuffer and a copy of the significant bytes each time showed. */
    public static byte[] key(long peerId, Prefix prefix) {
        byte[] address = prefix.address();
        int significant = (prefix.length() + 7) / 8;
        byte[] key = new byte[10 + significant];
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (peerId >>> (56 - 8 * i));
        }
        key[8] = (byte) (prefix.ipv6() ? 6 : 4);
        key[9] = (byte) prefix.length();
        System.arraycopy(address, 0, key, 10, significant);
        return key;
    }

    /** The first key of a peer's range: every key of the peer is at or after it, and before {@link #peerEnd}. */
    public static byte[] peerStart(long peerId) {
        return ByteBuffer.allocate(8).putLong(peerId).array();
    }

    public static byte[] peerEnd(long peerId) {
        return ByteBuffer.allocate(11).putLong(peerId).put((byte) 0xff).put((byte) 0xff).put((byte) 0xff).array();
    }

    public static long peerIdOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }
}
