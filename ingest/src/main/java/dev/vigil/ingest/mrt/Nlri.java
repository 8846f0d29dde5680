package dev.vigil.ingest.mrt;

import dev.vigil.ingest.net.IpText;
import java.nio.ByteBuffer;
import java.util.List;

/** Prefixes as BGP encodes them (RFC 4271 section 4.3, RFC 4760, and RFC 7911 path identifiers). */
final class Nlri {
    static final int AFI_IPV4 = 1;
    static final int AFI_IPV6 = 2;

    private Nlri() {
    }

    static int addressSize(int afi) {
        return afi == AFI_IPV4 ? 4 : afi == AFI_IPV6 ? 16 : 0;
    }

    static boolean unicastOrMulticast(int safi) {
        return safi == 1 || safi == 2;
    }

    /** Reads {@code length} bytes of prefixes into {@code out} as CIDR text. */
    static void read(ByteBuffer in, int length, int addressSize, boolean addPath, List<String> out) {
        int end = in.position() + length;
        if (end > in.limit()) {
            throw new MrtFormatException("prefixes run past the message");
        }
        byte[] address = new byte[addressSize];
        while (in.position() < end) {
            if (addPath) {
                in.getInt(); // path identifier: one peer may send several paths per prefix
            }
            int bits = in.get() & 0xff;
            if (bits > addressSize * 8) {
                throw new MrtFormatException("prefix length " + bits + " is too long for a " + addressSize * 8 + "-bit address");
            }
            int bytes = (bits + 7) / 8;
            if (in.position() + bytes > end) {
                throw new MrtFormatException("prefix runs past the message");
            }
            java.util.Arrays.fill(address, (byte) 0);
            in.get(address, 0, bytes);
            if (bits % 8 != 0) {
                address[bytes - 1] &= (byte) (0xff << (8 - bits % 8)); // clear bits past the length
            }
            out.add(IpText.format(address, 0, addressSize) + "/" + bits);
        }
    }
}
