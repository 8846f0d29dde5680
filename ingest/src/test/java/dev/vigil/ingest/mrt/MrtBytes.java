package dev.vigil.ingest.mrt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builds MRT records byte by byte, for tests of cases the real sample files lack. */
final class MrtBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MrtBytes u8(int v) {
        out.write(v);
        return this;
    }

    MrtBytes u16(int v) {
        return u8(v >> 8).u8(v & 0xff);
    }

    MrtBytes u32(long v) {
        return u16((int) (v >>> 16) & 0xffff).u16((int) v & 0xffff);
    }

    MrtBytes bytes(int... values) {
        for (int v : values) {
            u8(v);
        }
        return this;
    }

    MrtBytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] build() {
        return out.toByteArray();
    }

    /** A path attribute with a one-byte length. */
    static byte[] attribute(int flags, int type, byte[] value) {
        return new MrtBytes().u8(flags).u8(type).u8(value.length).raw(value).build();
    }

    /** A BGP UPDATE message: header, withdrawn routes, attributes, NLRI. */
    static byte[] update(byte[] withdrawn, byte[] attributes, byte[] nlri) {
        int length = 19 + 2 + withdrawn.length + 2 + attributes.length + nlri.length;
        MrtBytes m = new MrtBytes();
        for (int i = 0; i < 16; i++) {
            m.u8(0xff);
        }
        return m.u16(length).u8(2).u16(withdrawn.length).raw(withdrawn).u16(attributes.length).raw(attributes).raw(nlri).build();
    }

    /** A BGP4MP record of the given subtype from an IPv4 peer 192.0.2.1 to the collector 192.0.2.254. */
    static byte[] bgp4mp(long seconds, int type, int subtype, long peerAs, byte[] message, Integer micros) {
        boolean as4 = subtype == 4 || subtype == 7 || subtype == 9 || subtype == 11;
        MrtBytes body = new MrtBytes();
        if (micros != null) {
            body.u32(micros);
        }
        if (as4) {
            body.u32(peerAs).u32(64512);
        } else {
            body.u16((int) peerAs).u16(64512);
        }
        body.u16(0).u16(1).bytes(192, 0, 2, 1).bytes(192, 0, 2, 254).raw(message);
        byte[] b = body.build();
        return ByteBuffer.allocate(12 + b.length).putInt((int) seconds).putShort((short) type).putShort((short) subtype)
                .putInt(b.length).put(b).array();
    }
}
