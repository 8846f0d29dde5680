package dev.vigil.detectors;

import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.ModelCodec;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.testing.SyntheticData;
import dev.vigil.registry.ArtifactChunks;
import dev.vigil.registry.ModelKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Small models trained on synthetic windows, and the registry records that announce them. */
final class TestModels {
    static final int DIMENSION = 6;
    static final List<String> FEATURES = SyntheticData.featureNames(DIMENSION);
    static final String DOMAIN = "bgp-peer";
    static final SyntheticData DATA = new SyntheticData(DIMENSION, 7);
    private static final Map<String, AnomalyModel> CACHE = new ConcurrentHashMap<>();

    private TestModels() {
    }

    /** A model trained on its own seed's data, so versions of one algorithm differ. Cached: training costs. */
    static AnomalyModel model(String algorithm, long seed) {
        return CACHE.computeIfAbsent(algorithm + "/" + seed, k -> {
            TrainingSet training = DATA.generate(20, 60, 0.0, seed);
            return Trainers.train(algorithm, training, Map.of("trees", "40", "seed", Long.toString(seed), "lags", "3"));
        });
    }

    static byte[] bytes(String algorithm, long seed) {
        return ModelCodec.encode(model(algorithm, seed));
    }

    static String name(String algorithm) {
        return ModelKeys.modelName(DOMAIN, algorithm);
    }

    static ModelVersion version(String algorithm, int version, ModelStage stage, byte[] artifact) {
        return version(algorithm, version, stage, artifact, ArtifactChunks.sha256(artifact));
    }

    static ModelVersion version(String algorithm, int version, ModelStage stage, byte[] artifact, String sha256) {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        int chunks = Math.max(1, (artifact.length + ArtifactChunks.DEFAULT_CHUNK_BYTES - 1) / ArtifactChunks.DEFAULT_CHUNK_BYTES);
        return ModelVersion.newBuilder().setName(name(algorithm)).setVersion(version).setDomain(DOMAIN)
                .setAlgorithm(algorithm).setStage(stage)
                .setTrainingData(TrainingData.newBuilder().setTopic("features.bgp").setFromTime(now).setToTime(now)
                        .setSampleCount(1200).setLabelledCount(0).build())
                .setThreshold(1.0).setFeatureNames(FEATURES).setArtifactSha256(sha256).setArtifactSize(artifact.length)
                .setArtifactChunks(chunks).setStageHistory(List.of(new StageChange(stage, now, "test")))
                .setCreatedAt(now).build();
    }

    static List<ModelArtifact> chunks(ModelVersion version, byte[] artifact, int chunkBytes) {
        return ArtifactChunks.split(version.getName(), version.getVersion(), artifact, chunkBytes);
    }

    /** Windows of one synthetic entity, one minute apart, the first {@code anomalies} of them shifted far off. */
    static List<FeatureVector> vectors(String entity, int count, long seed) {
        TrainingSet set = DATA.generate(1, count, 0.0, seed);
        List<FeatureVector> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(vector(entity, i, set.features()[i]));
        }
        return out;
    }

    static FeatureVector vector(String entity, int minute, double[] values) {
        Instant start = Instant.parse("2026-11-24T12:00:00Z").plusSeconds(60L * minute);
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return FeatureVector.newBuilder().setEntity(entity).setDomain(DOMAIN).setWindowStart(start)
                .setWindowEnd(start.plusSeconds(60)).setFeatureNames(FEATURES).setValues(list).setEventCount(10)
                .setSource("test").build();
    }
}
