package dev.vigil.registry;

import dev.vigil.avro.ModelVersion;
import dev.vigil.kit.config.ConfigException;
import dev.vigil.kit.config.VigilConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ed25519 signatures of model versions, with the JDK's own provider. The retrainer signs what identifies an
 * artifact (model name, version and the artifact's SHA-256); the detectors check the signature with a
 * configured public key before joining or deserialising anything, then the SHA-256 against the bytes. So a
 * version written by anyone without the private key, or an artifact swapped under a signed version, is
 * refused. SHA-256 alone only proves the bytes match what the (unauthenticated) announcement says.
 *
 * <p>Keys are PEM files as {@code openssl genpkey -algorithm ed25519} writes them (PKCS#8 private key,
 * X.509 public key), or the same PEM text in a setting (e.g. from a Kubernetes Secret):
 * {@code vigil.models.signing.key.file} / {@code vigil.models.signing.key} for the retrainer,
 * {@code vigil.models.verify.keys} (comma-separated PEM files, several during a key rotation) for the detectors.
 */
public final class ModelSignatures {
    public static final String SIGNING_KEY_FILE = "vigil.models.signing.key.file";
    public static final String SIGNING_KEY = "vigil.models.signing.key";
    public static final String VERIFY_KEYS = "vigil.models.verify.keys";
    private static final String ALGORITHM = "Ed25519";

    private ModelSignatures() {
    }

    /** The bytes that are signed: a fixed prefix, model name, version and artifact SHA-256, one per line. */
    static byte[] message(String model, int version, String sha256) {
        return ("vigil-model-signature-v1\n" + model + "\n" + version + "\n" + sha256.toLowerCase(java.util.Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A public key's id: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
    public static String keyId(PublicKey key) {
        return ArtifactChunks.sha256(key.getEncoded()).substring(0, 16);
    }

    /** The retrainer's signer, or null when no signing key is configured (versions are then published unsigned). */
    public static Signer signer(VigilConfig config) {
        String pem = config.has(SIGNING_KEY) ? config.get(SIGNING_KEY)
                : config.has(SIGNING_KEY_FILE) ? read(Path.of(config.get(SIGNING_KEY_FILE))) : null;
        return pem == null ? null : new Signer(privateKey(pem));
    }

    /** The detectors' verifier, or null when no public key is configured (versions are then not checked). */
    public static Verifier verifier(VigilConfig config) {
        if (!config.has(VERIFY_KEYS) || config.get(VERIFY_KEYS).isBlank()) {
            return null;
        }
        List<PublicKey> keys = new ArrayList<>();
        for (String file : config.get(VERIFY_KEYS).split(",")) {
            keys.add(publicKey(read(Path.of(file.trim()))));
        }
        return new Verifier(keys);
    }

    /** Signs versions with one private key. */
    public static final class Signer {
        private final PrivateKey key;
        private final String keyId;

        public Signer(PrivateKey key) {
            this.key = key;
            this.keyId = ModelSignatures.keyId(publicKeyOf(key));
        }

        public String keyId() {
            return keyId;
        }

        /** A copy of the version carrying its signature and key id. */
        public ModelVersion sign(ModelVersion v) {
            try {
                Signature s = Signature.getInstance(ALGORITHM);
                s.initSign(key);
                s.update(message(v.getName(), v.getVersion(), v.getArtifactSha256()));
                return ModelVersion.newBuilder(v).setArtifactSignature(ByteBuffer.wrap(s.sign())).setSigningKeyId(keyId).build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot sign " + v.getName() + " v" + v.getVersion() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Checks versions against the trusted public keys. */
    public static final class Verifier {
        private final Map<String, PublicKey> keys = new LinkedHashMap<>();

        public Verifier(List<PublicKey> trusted) {
            trusted.forEach(k -> keys.put(keyId(k), k));
        }

        /** Null when the version carries a valid signature by a trusted key, else why not. */
        public String problem(ModelVersion v) {
            if (v.getArtifactSignature() == null) {
                return "version is unsigned; trusted keys " + keys.keySet();
            }
            PublicKey key = keys.get(v.getSigningKeyId());
            if (key == null) {
                return "signed by unknown key " + v.getSigningKeyId() + "; trusted keys " + keys.keySet();
            }
            try {
                Signature s = Signature.getInstance(ALGORITHM);
                s.initVerify(key);
                s.update(message(v.getName(), v.getVersion(), v.getArtifactSha256()));
                ByteBuffer sig = v.getArtifactSignature().duplicate();
                byte[] bytes = new byte[sig.remaining()];
                sig.get(bytes);
                return s.verify(bytes) ? null : "signature does not verify with key " + v.getSigningKeyId();
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return "signature cannot be checked: " + e.getMessage();
            }
        }
    }

    static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("The model signing key is not an Ed25519 PKCS#8 PEM private key: " + e.getMessage());
        }
    }

    static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("A model verification key is not an Ed25519 X.509 PEM public key: " + e.getMessage());
        }
    }

    /**
     * The public key of an Ed25519 private key (for its key id). The JDK has no direct call; its Ed25519 key
     * pair generator takes the private key as 32 random bytes, so it is fed the key's own bytes. The result is
     * checked by a test signature, so a JDK that derives keys differently fails loudly at start-up.
     */
    private static PublicKey publicKeyOf(PrivateKey key) {
        try {
            var spec = KeyFactory.getInstance(ALGORITHM).getKeySpec(key, java.security.spec.EdECPrivateKeySpec.class);
            var generator = java.security.KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(spec.getParams(), new FixedRandom(spec.getBytes()));
            PublicKey derived = generator.generateKeyPair().getPublic();
            byte[] probe = "vigil key check".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(derived);
            verifier.update(probe);
            if (!verifier.verify(signer.sign())) {
                throw new ConfigException("Cannot derive the public key of the model signing key on this JDK");
            }
            return derived;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds the private key's bytes to the generator, so it derives that key's public key. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }

    private static byte[] der(String pem, String type) {
        String body = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("Cannot read key file " + file + ": " + e.getMessage());
        }
    }
}
