package dev.vigil.aggregator.bgp;

import java.nio.ByteBuffer;

/** Unsigned LEB128 varints: 7 bits a byte, so an ASN below 16384 takes 2 bytes and a 32-bit one at most 5. */
final class Varints {
    private Varints() {
    }

    static int size(long value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    static void put(ByteBuffer out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.put((byte) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    static long get(ByteBuffer in) {
        long value = 0;
        int shift = 0;
        byte b;
        do {
            b = in.get();
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }
}
