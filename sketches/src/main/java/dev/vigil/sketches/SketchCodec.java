package dev.vigil.sketches;

import com.tdunning.math.stats.MergingDigest;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Binary form of a {@link Sketch}.
 *
 * <p>Why not t-digest's own {@code asSmallBytes}: it stores means as 32-bit floats of the raw value, so a
 * feature that varies by units around 10^9 loses its spread; it does not record the scale function, carries
 * no checksum, and its {@code fromBytes} throws arbitrary runtime errors (or silently returns nonsense) on
 * damaged input. This format keeps min and max as doubles, each mean as a 32-bit float offset from min
 * (7 significant digits of the range), each weight as an unsigned varint (weights are whole counts, mostly
 * one or two bytes), and ends with a CRC-32:
 * <pre>
 *   'V' 'S' version(1) flags(1: bit 0 = integer-valued)
 *   varint centroidCount
 *   if centroidCount &gt; 0: double min, double max, then per centroid: varint weight, float (mean - min)
 *   int CRC-32 of all preceding bytes
 * </pre>
 * A decoded sketch that receives new values rebuilds its digest through t-digest's verbose format, which
 * restores the centroids exactly.
 */
final class SketchCodec {

    static final byte VERSION = 1;
    private static final byte MAGIC_0 = 'V';
    private static final byte MAGIC_1 = 'S';
    private static final int FLAG_INTEGER_VALUED = 1;
    /** More centroids than a digest of compression {@value Sketch#COMPRESSION} can hold. */
    private static final int MAX_CENTROIDS = 2 * (int) Sketch.COMPRESSION + 10;
    private static final int VERBOSE_ENCODING = 1;

    private SketchCodec() {
    }

    /** Everything a stored sketch holds. */
    record Decoded(double min, double max, boolean integerValued, double[] weights, double[] means) {
    }

    /** A digest holding exactly the given centroids, built through t-digest's verbose format. */
    static MergingDigest toDigest(double[] means, double[] weights, double min, double max, double compression) {
        ByteBuffer verbose = ByteBuffer.allocate(32 + 16 * weights.length);
        verbose.putInt(VERBOSE_ENCODING).putDouble(min).putDouble(max).putDouble(compression);
        verbose.putInt(weights.length);
        for (int i = 0; i < weights.length; i++) {
            verbose.putDouble(weights[i]).putDouble(means[i]);
        }
        verbose.flip();
        return MergingDigest.fromBytes(verbose);
    }

    static byte[] encode(double[] means, double[] weights, double min, double max, boolean integerValued) {
        ByteBuffer buf = ByteBuffer.allocate(32 + 14 * means.length);
        buf.put(MAGIC_0).put(MAGIC_1).put(VERSION).put((byte) (integerValued ? FLAG_INTEGER_VALUED : 0));
        putVarint(buf, means.length);
        if (means.length > 0) {
            buf.putDouble(min).putDouble(max);
            for (int i = 0; i < means.length; i++) {
                putVarint(buf, Math.round(weights[i]));
                // A merged centroid's mean can round a hair below the minimum; the offset is never negative.
                buf.putFloat((float) Math.max(0.0, means[i] - min));
            }
        }
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        byte[] bytes = new byte[buf.position()];
        buf.flip().get(bytes);
        return bytes;
    }

    static Decoded decode(byte[] bytes) {
        if (bytes == null || bytes.length < 9) {
            throw new SketchFormatException("not a sketch: " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        if (bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
            throw new SketchFormatException("not a sketch: bad magic bytes");
        }
        if (bytes[2] != VERSION) {
            throw new SketchFormatException("unsupported sketch format version " + bytes[2]);
        }
        checkCrc(bytes);
        ByteBuffer buf = ByteBuffer.wrap(bytes, 4, bytes.length - 8);
        try {
            return readBody(buf, (bytes[3] & FLAG_INTEGER_VALUED) != 0);
        } catch (BufferUnderflowException e) {
            throw new SketchFormatException("sketch is truncated", e);
        }
    }

    private static Decoded readBody(ByteBuffer buf, boolean integerValued) {
        long count = getVarint(buf);
        if (count > MAX_CENTROIDS) {
            throw new SketchFormatException("implausible centroid count " + count);
        }
        int n = (int) count;
        double[] weights = new double[n];
        double[] means = new double[n];
        double min = n == 0 ? Double.NaN : buf.getDouble();
        double max = n == 0 ? Double.NaN : buf.getDouble();
        if (n > 0 && !(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
            throw new SketchFormatException("invalid bounds [" + min + ", " + max + "]");
        }
        for (int i = 0; i < n; i++) {
            weights[i] = getVarint(buf);
            double offset = buf.getFloat();
            // Sketches written before offsets were clamped may hold a rounding-sized negative offset.
            if (offset < 0 && offset > -1e-9 * Math.max(1.0, Math.abs(min))) {
                offset = 0;
            }
            if (weights[i] <= 0 || weights[i] > Integer.MAX_VALUE || !(offset >= 0)) {
                throw new SketchFormatException("invalid centroid " + i + ": weight " + weights[i]
                        + ", offset " + offset);
            }
            means[i] = min + offset;
        }
        if (buf.hasRemaining()) {
            throw new SketchFormatException(buf.remaining() + " unexpected bytes after the centroids");
        }
        return new Decoded(min, max, integerValued, weights, means);
    }

    private static void checkCrc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new SketchFormatException("sketch checksum mismatch: bytes are corrupted");
        }
    }

    private static void putVarint(ByteBuffer buf, long value) {
        while ((value & ~0x7FL) != 0) {
            buf.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        buf.put((byte) value);
    }

    private static long getVarint(ByteBuffer buf) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new SketchFormatException("malformed varint");
    }
}
