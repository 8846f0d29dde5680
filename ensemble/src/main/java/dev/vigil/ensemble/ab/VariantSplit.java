package dev.vigil.ensemble.ab;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sticky assignment of entities to trial arms by hash: an entity's position in [0, 1) comes from the
 * SHA-256 of salt and entity (the JDK's, the same on every instance and every run), and positions below
 * the challenger share are in arm B. Raising the share only moves entities from A to B, never back, so
 * widening a trial keeps everyone already in it.
 */
public final class VariantSplit {
    private final double challengerShare;
    private final byte[] salt;

    public VariantSplit(double challengerShare, String salt) {
        if (challengerShare < 0 || challengerShare > 1) {
            throw new IllegalArgumentException("Challenger share must be in [0, 1], got " + challengerShare);
        }
        this.challengerShare = challengerShare;
        this.salt = (salt + "|").getBytes(StandardCharsets.UTF_8);
    }

    public Variant variantOf(String entity) {
        return position(entity) < challengerShare ? Variant.B : Variant.A;
    }

    /** The entity's fixed position in [0, 1). */
    public double position(String entity) {
        MessageDigest sha = sha256();
        sha.update(salt);
        byte[] digest = sha.digest(entity.getBytes(StandardCharsets.UTF_8));
        long top53 = ByteBuffer.wrap(digest).getLong() >>> 11;
        return top53 / (double) (1L << 53);
    }

    public double challengerShare() {
        return challengerShare;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }
}
