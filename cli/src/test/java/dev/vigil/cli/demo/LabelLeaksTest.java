package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.schemas.Entities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelLeaksTest {
    private static final String SERVICE = Entities.service("checkout");
    private static final String MODEL = "telemetry-service.classifier";
    private final DemoScenario scenario = DemoScenario.create(42, Duration.ofHours(48), true, Instant.parse("2026-11-24T12:00:00Z"));
    private final Instant window = scenario.start().plus(Duration.ofHours(30));
    private final Instant labelWritten = Instant.parse("2026-12-01T10:00:00Z");
    private final Map<String, Instant> labelledAt = Map.of(LabelLeaks.key(SERVICE, window), labelWritten);

    @Test
    void aWindowScoredByAVersionTrainedOnItAfterItsLabelWasWrittenIsLeftOut() {
        ModelVersion before = version(1, labelWritten.minusSeconds(5), 10, window.minus(Duration.ofHours(12)), window.plusSeconds(600));
        ModelVersion after = version(2, labelWritten.plusSeconds(5), 10, window.minus(Duration.ofHours(12)), window.plusSeconds(600));
        ModelVersion afterWithoutLabels = version(3, labelWritten.plusSeconds(5), 0, window.minus(Duration.ofHours(12)), window.plusSeconds(600));
        ModelVersion afterOnOtherData = version(4, labelWritten.plusSeconds(5), 10, window.minus(Duration.ofHours(12)), window);
        List<ModelVersion> versions = List.of(before, after, afterWithoutLabels, afterOnOtherData);

        assertEquals(Set.of(), LabelLeaks.windows(List.of(score(1, false)), versions, labelledAt), "trained before the label existed");
        assertEquals(Set.of(LabelLeaks.key(SERVICE, window)), LabelLeaks.windows(List.of(score(2, false)), versions, labelledAt));
        assertEquals(Set.of(), LabelLeaks.windows(List.of(score(3, false)), versions, labelledAt), "trained on no label at all");
        assertEquals(Set.of(), LabelLeaks.windows(List.of(score(4, false)), versions, labelledAt), "its training data ends before the window");
        assertEquals(Set.of(), LabelLeaks.windows(List.of(score(2, true)), versions, labelledAt), "a shadow score decides nothing");
    }

    @Test
    void theEvaluationCountsTheWindowsItLeftOut() {
        FeatureVector vector = FeatureVector.newBuilder().setEntity(SERVICE).setDomain(Entities.TELEMETRY_SERVICE).setWindowStart(window)
                .setWindowEnd(window.plusSeconds(300)).setFeatureNames(List.of("event_count")).setValues(List.of(20.0)).setEventCount(20).build();
        Evaluation all = Evaluation.of(scenario, List.of(vector), List.of(score(2, false)), List.of());
        Evaluation held = Evaluation.of(scenario, List.of(vector), List.of(score(2, false)), List.of(), Set.of(LabelLeaks.key(SERVICE, window)));
        Evaluation.Confusion c = all.windows();
        assertEquals(1, c.tp() + c.fp() + c.tn() + c.fn());
        Evaluation.Confusion h = held.windows();
        assertEquals(0, h.tp() + h.fp() + h.tn() + h.fn());
        assertEquals(0, all.windowsExcluded());
        assertEquals(1, held.windowsExcluded());
    }

    private DetectorScore score(int version, boolean shadow) {
        return DetectorScore.newBuilder().setEntity(SERVICE).setDomain(Entities.TELEMETRY_SERVICE).setWindowStart(window)
                .setWindowEnd(window.plusSeconds(300)).setDetector("classifier").setModelName(MODEL).setModelVersion(version)
                .setStatus(ScoreStatus.SCORED).setRawScore(0.4).setScore(0.8).setThreshold(0.5).setAnomalous(true).setShadow(shadow)
                .setScoredAt(window.plusSeconds(400)).build();
    }

    private static ModelVersion version(int version, Instant created, int labelled, Instant from, Instant to) {
        return ModelVersion.newBuilder().setName(MODEL).setVersion(version).setDomain(Entities.TELEMETRY_SERVICE)
                .setAlgorithm("classifier").setStage(ModelStage.PRODUCTION)
                .setTrainingData(TrainingData.newBuilder().setTopic("features.telemetry").setFromTime(from).setToTime(to)
                        .setSampleCount(1000).setLabelledCount(labelled).build())
                .setThreshold(1.0).setFeatureNames(List.of("event_count")).setArtifactSha256("00").setArtifactSize(1)
                .setParentVersion(null).setRequestId(null)
                .setStageHistory(List.of(new StageChange(ModelStage.PRODUCTION, created, "test"))).setCreatedAt(created).build();
    }
}
