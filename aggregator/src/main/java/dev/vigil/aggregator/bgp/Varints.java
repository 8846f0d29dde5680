package dev.vigil.aggregator.bgp;

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

    /** Writes {@code value} at {@code at}; returns the position after it. */
    static int put(byte[] out, int at, long value) {
        while ((value & ~0x7fL) != 0) {
            out[at++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[at++] = (byte) value;
        return at;
    }

    /** The value of the varint at {@code at}. */
    static long get(byte[] in, int at) {
        long value = 0;
        int shift = 0;
        byte b;
        do {
            b = in[at++];
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    /** The position after the varint at {@code at}. */
    static int end(byte[] in, int at) {
        while ((in[at++] & 0x80) != 0) {
            // continuation bit set: the varint goes on
        }
        return at;
    }
}
