package dev.vigil.retrainer;

import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.models.AnomalyModel;
import dev.vigil.registry.ArtifactChunks;
import dev.vigil.registry.ModelKeys;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the {@code ModelVersion} record of a trained model: everything needed to audit and reproduce it. */
public final class VersionFactory {
    private VersionFactory() {
    }

    /** What a version is made of. */
    public record Inputs(String model, int version, DetectorTrainer.Trained trained, byte[] artifact,
                         TrainingSelection data, FeatureBatch batch, ValidationReport validation,
                         PromotionDecision decision, Integer parentVersion, MergedRequest request,
                         Map<String, ByteBuffer> baselineSketches, ByteBuffer scoreSketch, long pseudoLabelled) {
    }

    public static ModelVersion build(Inputs in, Instant now) {
        AnomalyModel model = in.trained().model();
        Map<String, String> parameters = new TreeMap<>(model.parameters());
        parameters.put("vigil.search.trials", Integer.toString(in.trained().trials()));
        parameters.put("vigil.training.ms", Long.toString(in.trained().trainingTime().toMillis()));
        if (in.pseudoLabelled() > 0) {
            parameters.put("vigil.pseudo.labels", Long.toString(in.pseudoLabelled()));
        }
        putChange(parameters, in.data());
        int chunks = Math.max(1, (in.artifact().length + ArtifactChunks.DEFAULT_CHUNK_BYTES - 1) / ArtifactChunks.DEFAULT_CHUNK_BYTES);
        String reason = in.decision().reason() + "; requested by " + String.join(", ", in.request().requesters())
                + (in.request().reasons().isEmpty() ? "" : " because " + String.join("; ", in.request().reasons()));
        return ModelVersion.newBuilder()
                .setName(in.model())
                .setVersion(in.version())
                .setDomain(ModelKeys.domainOf(in.model()))
                .setAlgorithm(model.algorithm())
                .setParameters(parameters)
                .setStage(in.decision().stage())
                .setTrainingData(trainingData(in))
                .setValidation(in.validation().asMap())
                .setThreshold(model.threshold())
                .setTargetFalsePositiveRate(model.targetFalsePositiveRate())
                .setFeatureNames(model.featureNames())
                .setBaselineSketches(in.baselineSketches())
                .setScoreSketch(in.scoreSketch())
                .setArtifactSha256(ArtifactChunks.sha256(in.artifact()))
                .setArtifactSize(in.artifact().length)
                .setArtifactChunks(chunks)
                .setParentVersion(in.parentVersion())
                .setRequestId(in.request().recordedId())
                .setStageHistory(List.of(new StageChange(in.decision().stage(), now, reason)))
                .setCreatedAt(now)
                .build();
    }

    /**
     * Where the training rows start when the request reported a change: {@code vigil.training.changed.since} (the
     * change), {@code vigil.training.since.change} ({@code true} when the rows start there) and, when they do not,
     * {@code vigil.training.since.change.fallback} (why the whole window was used). {@code parameters} is the only
     * free-form text field of a version; {@code trainingData.fromTime} can be older because of labelled old rows.
     */
    static void putChange(Map<String, String> parameters, TrainingSelection data) {
        if (data.changedSince() == null) {
            return;
        }
        parameters.put("vigil.training.changed.since", data.changedSince().toString());
        parameters.put("vigil.training.since.change", Boolean.toString(data.afterChange()));
        if (data.fallback() != null) {
            parameters.put("vigil.training.since.change.fallback", data.fallback());
        }
    }

    private static TrainingData trainingData(Inputs in) {
        Map<String, Long> start = new TreeMap<>();
        Map<String, Long> end = new TreeMap<>();
        in.batch().startOffsets().forEach((p, o) -> start.put(Integer.toString(p), o));
        in.batch().endOffsets().forEach((p, o) -> end.put(Integer.toString(p), o));
        return new TrainingData(in.batch().topic(), in.data().from(), in.data().to(), start, end,
                (long) in.data().train().size(), in.data().train().count(dev.vigil.models.TrainingSet.NORMAL)
                + in.data().train().count(dev.vigil.models.TrainingSet.ANOMALY));
    }
}
