package dev.vigil.detectors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Bytes of the history store's values. Written by hand because the history lives only in this app's state
 * store and its changelog (no other app reads it) and the shared schemas have no record for it; a format
 * byte lets a later layout be told apart. An unreadable value decodes as an empty history (the forecaster
 * then scores against typical behaviour) rather than stopping the app.
 */
public final class EntityHistorySerde {
    private static final byte FORMAT = 1;

    private EntityHistorySerde() {
    }

    public static Serde<EntityHistory> serde() {
        return Serdes.serdeFrom((Serializer<EntityHistory>) (topic, h) -> h == null ? null : encode(h),
                (Deserializer<EntityHistory>) (topic, bytes) -> bytes == null ? null : decode(bytes));
    }

    public static byte[] encode(EntityHistory history) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + history.size() * history.featureNames().size() * 8);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeInt(history.featureNames().size());
            for (String name : history.featureNames()) {
                out.writeUTF(name);
            }
            out.writeInt(history.size());
            for (int i = 0; i < history.size(); i++) {
                out.writeLong(history.windowStarts().get(i));
                for (double v : history.rows().get(i)) {
                    out.writeDouble(v);
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EntityHistory decode(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readByte() != FORMAT) {
                return EntityHistory.EMPTY;
            }
            int features = in.readInt();
            List<String> names = new ArrayList<>(features);
            for (int j = 0; j < features; j++) {
                names.add(in.readUTF());
            }
            int size = in.readInt();
            List<Long> starts = new ArrayList<>(size);
            List<double[]> rows = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                starts.add(in.readLong());
                double[] row = new double[features];
                for (int j = 0; j < features; j++) {
                    row[j] = in.readDouble();
                }
                rows.add(row);
            }
            return new EntityHistory(names, starts, rows);
        } catch (IOException | RuntimeException e) {
            return EntityHistory.EMPTY;
        }
    }
}
