package dev.vigil.registry;

import dev.vigil.avro.ModelArtifact;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Splits artifacts into chunks below the broker's default 1 MB message size (so no topic or broker limit
 * has to be raised) and checks the SHA-256 of what is put back together.
 */
public final class ArtifactChunks {
    /** 512 KiB leaves room for the record's other fields and headers under the 1 MB default. */
    public static final int DEFAULT_CHUNK_BYTES = 512 * 1024;

    private ArtifactChunks() {
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<ModelArtifact> split(String model, int version, byte[] artifact, int chunkBytes) {
        String sha = sha256(artifact);
        int count = Math.max(1, (artifact.length + chunkBytes - 1) / chunkBytes);
        List<ModelArtifact> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * chunkBytes;
            int to = Math.min(artifact.length, from + chunkBytes);
            chunks.add(ModelArtifact.newBuilder().setName(model).setVersion(version).setChunkIndex(i).setChunkCount(count)
                    .setSha256(sha).setData(ByteBuffer.wrap(java.util.Arrays.copyOfRange(artifact, from, to))).build());
        }
        return chunks;
    }

    /**
     * Joins chunks (any order) and verifies them against the expected SHA-256.
     *
     * @throws ArtifactIntegrityException when chunks are missing or the hash does not match
     */
    public static byte[] join(List<ModelArtifact> chunks, String expectedSha256) {
        if (chunks.isEmpty()) {
            throw new ArtifactIntegrityException("no artifact chunks found");
        }
        int count = chunks.getFirst().getChunkCount();
        ByteBuffer[] parts = new ByteBuffer[count];
        for (ModelArtifact chunk : chunks) {
            if (chunk.getChunkIndex() < count) {
                parts[chunk.getChunkIndex()] = chunk.getData().duplicate();
            }
        }
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (parts[i] == null) {
                throw new ArtifactIntegrityException("chunk " + i + " of " + count + " is missing");
            }
            size += parts[i].remaining();
        }
        ByteBuffer whole = ByteBuffer.allocate(size);
        for (ByteBuffer part : parts) {
            whole.put(part);
        }
        byte[] bytes = whole.array();
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new ArtifactIntegrityException("SHA-256 mismatch: announced " + expectedSha256 + ", artifact has " + actual);
        }
        return bytes;
    }
}
