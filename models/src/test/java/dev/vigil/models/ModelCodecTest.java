package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCodecTest {
    private static final AnomalyModel RULES = Trainers.train(Algorithms.RULES, SyntheticFixture.TRAIN, Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"isolation-forest", "forecaster", "rules", "classifier"})
    void roundTripKeepsEveryScore(String algorithm) {
        AnomalyModel model = Trainers.train(algorithm, SyntheticFixture.TRAIN, Map.of("trees", "20"));
        byte[] bytes = ModelCodec.encode(model);
        AnomalyModel loaded = ModelCodec.decode(bytes);

        assertEquals(algorithm, ModelCodec.header(bytes).algorithm());
        assertEquals(model.featureNames(), loaded.featureNames());
        assertEquals(model.threshold(), loaded.threshold());
        assertEquals(model.parameters(), loaded.parameters());
        assertEquals(model.historyLength(), loaded.historyLength());
        for (int row = 5; row < 300; row++) {
            List<double[]> history = SyntheticFixture.history(SyntheticFixture.TEST, row, model.historyLength());
            double[] x = SyntheticFixture.TEST.features()[row];
            assertEquals(model.score(x, history), loaded.score(x, history));
        }
    }

    @Test
    void refusesAFlippedByte() {
        byte[] bytes = ModelCodec.encode(RULES);
        bytes[bytes.length / 2] ^= 0x10;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelCodec.decode(bytes));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void refusesTruncatedBytesAtAnyLength() {
        byte[] bytes = ModelCodec.encode(RULES);
        for (int length : new int[]{0, 3, 7, 12, 20, bytes.length / 2, bytes.length - 1}) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(ModelFormatException.class, () -> ModelCodec.decode(cut), "length " + length);
        }
        assertThrows(ModelFormatException.class, () -> ModelCodec.decode(null));
    }

    @Test
    void refusesForeignBytesAndUnknownVersions() {
        assertThrows(ModelFormatException.class, () -> ModelCodec.decode("{\"model\":1}".getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = ModelCodec.encode(RULES);
        bytes[7] = 9; // format version is the int after the 4-byte magic
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelCodec.decode(bytes));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @Test
    void filterRefusesClassesOutsideTheAllowList() throws IOException {
        // A well-formed header and checksum around a class no model contains (java.net is not allowed).
        byte[] bytes = frame(Algorithms.RULES, new java.util.ArrayList<>(List.of(URI.create("http://127.0.0.1/").toURL())));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelCodec.decode(bytes));
        assertTrue(e.getMessage().contains("cannot deserialise"), e.getMessage());
    }

    @Test
    void refusesAPayloadThatIsNotAModelOrNotTheAnnouncedOne() throws IOException {
        assertThrows(ModelFormatException.class, () -> ModelCodec.decode(frame(Algorithms.RULES, "just a string")));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelCodec.decode(frame(Algorithms.FORECASTER, RULES)));
        assertTrue(e.getMessage().contains("header says forecaster"), e.getMessage());
    }

    @Test
    void sha256IsTheStandardHexDigest() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(64, Sha256.hex(ModelCodec.encode(RULES)).length());
    }

    /** The codec's framing written independently, around any serialisable object. */
    private static byte[] frame(String algorithm, Serializable payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new DeflaterOutputStream(body))) {
            out.writeObject(payload);
        }
        byte[] b = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(b);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("VGLM".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(ModelCodec.FORMAT_VERSION);
        out.writeUTF(algorithm);
        out.writeInt(b.length);
        out.writeLong(crc.getValue());
        out.write(b);
        return bytes.toByteArray();
    }
}
