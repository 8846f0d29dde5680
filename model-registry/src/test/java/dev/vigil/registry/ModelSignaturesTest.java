package dev.vigil.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.TrainingData;
import dev.vigil.kit.config.ConfigException;
import dev.vigil.kit.config.VigilConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from PEM files (what openssl writes), signing by the retrainer's key, checking by the detectors' keys. */
class ModelSignaturesTest {
    @TempDir
    Path dir;

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static ModelVersion version(int v, String sha) {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        return ModelVersion.newBuilder().setName("bgp-peer.rules").setVersion(v).setDomain("bgp-peer").setAlgorithm("rules")
                .setStage(ModelStage.PRODUCTION).setTrainingData(TrainingData.newBuilder().setTopic("t").setFromTime(now)
                        .setToTime(now).setSampleCount(1).setLabelledCount(0).build())
                .setThreshold(1).setFeatureNames(List.of("a")).setArtifactSha256(sha).setArtifactSize(1).setArtifactChunks(1)
                .setCreatedAt(now).build();
    }

    @Test
    void aVersionSignedWithTheConfiguredKeyVerifiesAndAnyChangeToWhatItNamesDoesNot() throws Exception {
        KeyPair old = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair current = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateKey = Files.writeString(dir.resolve("signing.pem"), pem("PRIVATE KEY", current.getPrivate().getEncoded()));
        Path oldPublic = Files.writeString(dir.resolve("old.pub.pem"), pem("PUBLIC KEY", old.getPublic().getEncoded()));
        Path currentPublic = Files.writeString(dir.resolve("current.pub.pem"), pem("PUBLIC KEY", current.getPublic().getEncoded()));

        ModelSignatures.Signer signer = ModelSignatures.signer(VigilConfig.of("retrainer",
                Map.of(ModelSignatures.SIGNING_KEY_FILE, privateKey.toString())));
        assertNotNull(signer);
        assertEquals(ModelSignatures.keyId(current.getPublic()), signer.keyId(), "the key id is derived from the private key");
        // During a rotation the detectors trust both keys.
        ModelSignatures.Verifier verifier = ModelSignatures.verifier(VigilConfig.of("detectors",
                Map.of(ModelSignatures.VERIFY_KEYS, oldPublic + ", " + currentPublic)));

        ModelVersion signed = signer.sign(version(3, "ab".repeat(32)));
        assertNull(verifier.problem(signed));
        ModelVersion otherArtifact = ModelVersion.newBuilder(signed).setArtifactSha256("cd".repeat(32)).build();
        assertTrue(verifier.problem(otherArtifact).contains("does not verify"), verifier.problem(otherArtifact));
        ModelVersion otherNumber = ModelVersion.newBuilder(signed).setVersion(4).build();
        assertTrue(verifier.problem(otherNumber).contains("does not verify"));
        ModelSignatures.Verifier oldOnly = new ModelSignatures.Verifier(List.of(old.getPublic()));
        assertTrue(oldOnly.problem(signed).contains("unknown key"));

        assertNull(ModelSignatures.signer(VigilConfig.of("retrainer", Map.of())), "no key: versions are published unsigned");
        assertNull(ModelSignatures.verifier(VigilConfig.of("detectors", Map.of())));
        assertThrows(ConfigException.class, () -> ModelSignatures.verifier(VigilConfig.of("detectors",
                Map.of(ModelSignatures.VERIFY_KEYS, privateKey.toString()))), "a private key is not a public key");
    }
}
