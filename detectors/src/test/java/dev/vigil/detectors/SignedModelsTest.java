package dev.vigil.detectors;

import static dev.vigil.detectors.TestModels.bytes;
import static dev.vigil.detectors.TestModels.chunks;
import static dev.vigil.detectors.TestModels.name;
import static dev.vigil.detectors.TestModels.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.models.Algorithms;
import dev.vigil.registry.ModelSignatures;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a trusted key configured, only versions signed by it load: unsigned, wrongly signed and re-pointed
 * (a signature moved onto another version) ones are refused before any deserialisation, and the version
 * already serving keeps serving.
 */
class SignedModelsTest {
    private static final String RULES = Algorithms.RULES;
    private final KeyPair trusted = keyPair();
    private final ModelSignatures.Signer signer = new ModelSignatures.Signer(trusted.getPrivate());
    private final ModelReloader reloader = new ModelReloader(new ServingModels(), new CanarySet(16),
            new ModelLoader(Clock.systemUTC(), new ModelSignatures.Verifier(List.of(trusted.getPublic()))),
            ReloadListener.NONE, Clock.systemUTC(), true);

    {
        reloader.activate();
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private ModelVersion offer(int v, long seed, java.util.function.UnaryOperator<ModelVersion> signing) {
        byte[] artifact = bytes(RULES, seed);
        ModelVersion version = signing.apply(version(RULES, v, ModelStage.PRODUCTION, artifact));
        chunks(version, artifact, 100_000).forEach(reloader::onChunk);
        reloader.onVersion(version);
        return version;
    }

    @Test
    void onlyVersionsSignedByATrustedKeyServe() {
        ModelVersion v1 = offer(1, 1, signer::sign);
        assertEquals(1, reloader.serving().slot(name(RULES)).production().version());

        offer(2, 2, v -> v);
        ModelSignatures.Signer stranger = new ModelSignatures.Signer(keyPair().getPrivate());
        offer(3, 3, stranger::sign);
        // v1's valid signature copied onto v4: it covers v1's name, number and SHA-256, not v4's.
        offer(4, 4, v -> ModelVersion.newBuilder(v).setArtifactSignature(v1.getArtifactSignature())
                .setSigningKeyId(v1.getSigningKeyId()).build());
        // v5 claims the trusted key id but carries garbage.
        offer(5, 5, v -> ModelVersion.newBuilder(v).setArtifactSignature(ByteBuffer.wrap(new byte[64]))
                .setSigningKeyId(signer.keyId()).build());

        assertEquals(1, reloader.serving().slot(name(RULES)).production().version(), "v1 keeps serving");
        List<Refusal> refusals = reloader.drainRefusals();
        assertEquals(List.of(2, 3, 4, 5), refusals.stream().map(Refusal::version).toList());
        assertTrue(refusals.stream().allMatch(r -> r.reason() == ModelRefusedException.Reason.SIGNATURE), refusals.toString());
        assertTrue(refusals.get(0).message().contains("unsigned"), refusals.get(0).message());
        assertTrue(refusals.get(1).message().contains("unknown key"), refusals.get(1).message());

        offer(6, 6, signer::sign);
        assertEquals(6, reloader.serving().slot(name(RULES)).production().version(), "a signed successor serves");
    }
}
