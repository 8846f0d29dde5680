package dev.vigil.kit.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte 0, the writer schema's registry id as a 4-byte big-endian int,
 * then the Avro binary body. Any consumer of a Confluent-compatible registry can read it.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** The schema id in a framed value; fails with a clear message when the bytes are not framed. */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new WireFormatException("Value of " + data.length + " bytes on topic " + topic
                    + " is too short for the Confluent wire format (5-byte header: magic byte 0 and schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new WireFormatException(String.format(
                    "Unknown magic byte 0x%02x on topic %s: the value is not in the Confluent wire format (magic byte 0x00)",
                    data[0], topic));
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
