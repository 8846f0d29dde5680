package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.testing.InMemoryDeadLetterSink;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import dev.vigil.models.Algorithms;
import dev.vigil.registry.ModelKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An undecodable record on the compacted registry topics is dead-lettered once, with its bytes, and skipped:
 * the models around it still load and serve. (It used to reach the deserialisation handler on the global
 * thread and stop the app on every start.)
 */
class PoisonedRegistryTest {
    @TempDir
    Path stateDir;

    @Test
    void garbageOnTheRegistryTopicsIsDeadLetteredAndTheModelsAroundItServe() {
        byte[] garbage = new byte[200];
        new Random(5).nextBytes(garbage);
        garbage[0] = 0; // a plausible magic byte, so the decode gets as far as the schema id
        try (TopologyHarness app = TopologyHarness.forApp(DetectorsApp.NAME).stateDir(stateDir)
                .start(ctx -> new DetectorsApp().topology(ctx))) {
            AppContext ctx = app.context();
            var rawVersions = app.rawInput(Topics.MODEL_VERSIONS);
            var rawArtifacts = app.rawInput(Topics.MODEL_ARTIFACTS);
            rawVersions.pipeInput("x.y/1", garbage);
            rawArtifacts.pipeInput("x.y/1/0", new byte[] {1, 2, 3});

            byte[] artifact = TestModels.bytes(Algorithms.RULES, 1);
            ModelVersion version = TestModels.version(Algorithms.RULES, 1, ModelStage.PRODUCTION, artifact);
            var versionSerde = ctx.serdes().value(ModelVersion.class).serializer();
            var chunkSerde = ctx.serdes().value(ModelArtifact.class).serializer();
            for (ModelArtifact chunk : TestModels.chunks(version, artifact, 512 * 1024)) {
                rawArtifacts.pipeInput(ModelKeys.artifactChunk(chunk.getName(), 1, chunk.getChunkIndex()),
                        chunkSerde.serialize(Topics.MODEL_ARTIFACTS, chunk));
            }
            rawVersions.pipeInput(ModelKeys.version(version.getName(), 1), versionSerde.serialize(Topics.MODEL_VERSIONS, version));

            var features = app.input(Topics.FEATURES_BGP, FeatureVector.class);
            TestModels.vectors("peer:a", 3, 1).forEach(v -> features.pipeInput(v.getEntity(), v));
            List<DetectorScore> scores = app.output(Topics.SCORES, DetectorScore.class).readValuesToList().stream()
                    .filter(s -> version.getName().equals(s.getModelName())).toList();
            assertEquals(3, scores.size(), "each vector scored by the announced model");
            assertTrue(scores.stream().allMatch(s -> s.getStatus() == ScoreStatus.SCORED && s.getModelVersion() == 1),
                    "the good model serves: " + scores);

            List<DeadLetter> letters = ((InMemoryDeadLetterSink) ctx.deadLetters()).letters();
            assertEquals(2, letters.size(), "one dead letter per bad record: " + letters);
            assertEquals(Topics.MODEL_VERSIONS, letters.get(0).getSourceTopic());
            assertArrayEquals(garbage, bytesOf(letters.get(0)));
            assertEquals(Topics.MODEL_ARTIFACTS, letters.get(1).getSourceTopic());
            assertTrue(letters.get(1).getReason().contains("too short"), letters.get(1).getReason());
        }
    }

    private static byte[] bytesOf(DeadLetter letter) {
        var b = letter.getValue().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
