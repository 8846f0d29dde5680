package dev.vigil.models;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Model bytes: a header (magic "VGLM", format version, algorithm, payload length, CRC-32) and a
 * deflated Java-serialised model. Smile's models are Serializable and have no other stable format, so
 * Java serialisation is used, but decoding goes through an {@link ObjectInputFilter} that admits only
 * Vigil, Smile and core JDK value classes with bounded depth, references and size, and only after the
 * checksum has proved the bytes are the ones that were written.
 */
public final class ModelCodec {
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "VGLM".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=4000;maxrefs=20000000;maxbytes=536870912;maxarray=10000000;"
                    + "dev.vigil.**;smile.**;java.lang.*;java.util.*;java.time.*;java.math.*;!*");

    /** What the header says, readable without deserialising the model. */
    public record Header(int formatVersion, String algorithm, int payloadLength, long crc32) {
    }

    private ModelCodec() {
    }

    public static byte[] encode(AnomalyModel model) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(new DeflaterOutputStream(payload))) {
                out.writeObject(model);
            }
            byte[] body = payload.toByteArray();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(model.algorithm());
            out.writeInt(body.length);
            out.writeLong(crc(body));
            out.write(body);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + model.algorithm() + " model", e);
        }
    }

    /** Reads and checks the header only. */
    public static Header header(byte[] bytes) {
        if (bytes == null || bytes.length < MAGIC.length + 4) {
            throw new ModelFormatException("not a Vigil model: " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ModelFormatException("not a Vigil model: bad magic");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length));
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new ModelFormatException("unsupported model format version " + version + ", this reader knows " + FORMAT_VERSION);
            }
            String algorithm = in.readUTF();
            if (!Algorithms.ALL.contains(algorithm)) {
                throw new ModelFormatException("unknown algorithm in model header: " + algorithm);
            }
            int length = in.readInt();
            long crc = in.readLong();
            if (length < 0 || length != in.available()) {
                throw new ModelFormatException("model payload is " + in.available() + " bytes, header says " + length
                        + " (truncated or padded)");
            }
            return new Header(version, algorithm, length, crc);
        } catch (IOException e) {
            throw new ModelFormatException("model header is truncated", e);
        }
    }

    public static AnomalyModel decode(byte[] bytes) {
        Header header = header(bytes);
        int offset = bytes.length - header.payloadLength();
        byte[] body = Arrays.copyOfRange(bytes, offset, bytes.length);
        if (crc(body) != header.crc32()) {
            throw new ModelFormatException("model payload checksum mismatch (corrupt bytes)");
        }
        Object model;
        try (ObjectInputStream in = filtered(new InflaterInputStream(new ByteArrayInputStream(body)))) {
            model = in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ModelFormatException("cannot deserialise " + header.algorithm() + " model: " + e.getMessage(), e);
        }
        if (!(model instanceof AnomalyModel anomalyModel)) {
            throw new ModelFormatException("payload is a " + model.getClass().getName() + ", not a model");
        }
        if (!anomalyModel.algorithm().equals(header.algorithm())) {
            throw new ModelFormatException("header says " + header.algorithm() + " but payload is " + anomalyModel.algorithm());
        }
        return anomalyModel;
    }

    private static ObjectInputStream filtered(InputStream in) throws IOException {
        ObjectInputStream stream = new ObjectInputStream(in);
        stream.setObjectInputFilter(FILTER);
        return stream;
    }

    private static long crc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return crc.getValue();
    }
}
