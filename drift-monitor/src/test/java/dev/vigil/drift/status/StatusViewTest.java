package dev.vigil.drift.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DistributionDrift;
import dev.vigil.avro.DriftReference;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.avro.Severity;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.RefusalReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    private static final String MODEL = "bgp-peer.isolation-forest";
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    static ModelVersion version(int v, ModelStage stage, Instant at, String requestId, StageChange... history) {
        return ModelVersion.newBuilder().setName(MODEL).setVersion(v).setDomain("bgp-peer")
                .setAlgorithm("isolation-forest").setStage(stage)
                .setTrainingData(new TrainingData("features.bgp", T0, T0, Map.of(), Map.of(), 100L, 0L))
                .setThreshold(0.5).setFeatureNames(List.of("announcements")).setArtifactSha256("00")
                .setArtifactSize(1).setRequestId(requestId).setStageHistory(List.of(history)).setCreatedAt(at).build();
    }

    static RetrainRequest request(String id, Instant at) {
        return RetrainRequest.newBuilder().setRequestId(id).setModel(MODEL).setDomain("bgp-peer")
                .setReasons(List.of("ks.announcements 0.41")).setSeverity(Severity.HIGH).setRequester("drift-monitor")
                .setRequestedAt(at).build();
    }

    static DriftReport report(Instant windowStart, Severity severity, boolean confirmed, double ks) {
        DistributionDrift d = new DistributionDrift("announcements", 100L, 1000L, ks, 0.3, 0.5, 0.4, 0.6, severity);
        return DriftReport.newBuilder().setModel(MODEL).setModelVersion(1).setDomain("bgp-peer")
                .setReference(DriftReference.TRAINING_BASELINE).setWindowStart(windowStart)
                .setWindowEnd(windowStart.plus(Duration.ofHours(1))).setFeatures(List.of(d)).setAlertRate(0.05)
                .setExpectedAlertRate(0.01).setSeverity(severity).setConsecutiveWindows(confirmed ? 2 : 1)
                .setConfirmed(confirmed).setReasons(List.of("announcements: ks 0.41")).setCheckedAt(windowStart.plus(Duration.ofHours(2)))
                .build();
    }

    @Test
    void summarisesProductionVersionDriftAndOpenRequests() {
        Instant promoted = T0.plus(Duration.ofHours(1));
        List<ModelVersion> versions = new ArrayList<>(List.of(
                version(1, ModelStage.CANDIDATE, T0, null, new StageChange(ModelStage.CANDIDATE, T0, "")),
                version(1, ModelStage.PRODUCTION, T0, null, new StageChange(ModelStage.CANDIDATE, T0, ""),
                        new StageChange(ModelStage.PRODUCTION, promoted, "bootstrap"))));
        List<DriftReport> reports = List.of(report(T0.plus(Duration.ofHours(5)), Severity.HIGH, true, 0.41),
                report(T0.plus(Duration.ofHours(4)), Severity.HIGH, false, 0.38));
        List<RetrainRequest> requests = List.of(request("drift-a", T0.plus(Duration.ofHours(7))));
        Instant now = T0.plus(Duration.ofHours(50));

        ModelStatus status = StatusView.of(ModelCatalog.of(versions, List.of()), reports, requests, now).model(MODEL).orElseThrow();

        assertEquals(1, status.servingVersion().orElseThrow());
        assertEquals(promoted, status.servingSince().orElseThrow());
        assertEquals(Duration.ofHours(49), status.servingAge().orElseThrow());
        assertEquals(T0.plus(Duration.ofHours(5)), status.latestDrift().orElseThrow().getWindowStart());
        assertEquals(List.of("drift-a"), status.openRequests().stream().map(RetrainRequest::getRequestId).toList());
        assertEquals(ModelStatus.HistoryEntry.Kind.RETRAIN_REQUEST, status.history().getFirst().kind());
    }

    @Test
    void requestAnsweredByANewVersionIsNoLongerOpenAndTheNewVersionTakesOver() {
        Instant retrained = T0.plus(Duration.ofHours(9));
        List<ModelVersion> versions = List.of(
                version(1, ModelStage.PRODUCTION, T0, null, new StageChange(ModelStage.PRODUCTION, T0, "")),
                version(2, ModelStage.PRODUCTION, retrained, "scheduler-x,drift-a",
                        new StageChange(ModelStage.CANDIDATE, retrained, ""),
                        new StageChange(ModelStage.PRODUCTION, retrained.plusSeconds(600), "promoted")),
                version(1, ModelStage.ARCHIVED, T0, null, new StageChange(ModelStage.PRODUCTION, T0, ""),
                        new StageChange(ModelStage.ARCHIVED, retrained.plusSeconds(600), "replaced")));
        List<RetrainRequest> requests = List.of(request("drift-a", T0.plus(Duration.ofHours(7))),
                request("drift-b", T0.plus(Duration.ofHours(30))));

        StatusView view = StatusView.of(ModelCatalog.of(versions, List.of()), List.of(), requests, T0.plus(Duration.ofHours(40)));
        ModelStatus status = view.model(MODEL).orElseThrow();

        assertEquals(2, status.servingVersion().orElseThrow());
        assertEquals(List.of("drift-b"), status.openRequests().stream().map(RetrainRequest::getRequestId).toList());
        String text = view.render(5);
        assertTrue(text.contains(MODEL) && text.contains("v2") && text.contains("open request drift-b"), text);
    }

    @Test
    void archivingTheProductionVersionFallsBackToThePreviousOne() {
        List<ModelVersion> versions = List.of(
                version(1, ModelStage.PRODUCTION, T0, null),
                version(2, ModelStage.PRODUCTION, T0.plusSeconds(60), null),
                version(2, ModelStage.ARCHIVED, T0.plusSeconds(60), null));

        ModelStatus status = StatusView.of(ModelCatalog.of(versions, List.of()), List.of(), List.of(), T0.plusSeconds(3600)).models().getFirst();

        assertEquals(1, status.servingVersion().orElseThrow());
        assertTrue(status.latestDrift().isEmpty());
    }

    @Test
    void aRefusedProductionVersionIsNotWhatServes() {
        List<ModelVersion> versions = List.of(
                version(1, ModelStage.PRODUCTION, T0, null, new StageChange(ModelStage.PRODUCTION, T0, "")),
                version(1, ModelStage.ARCHIVED, T0, null, new StageChange(ModelStage.PRODUCTION, T0, ""),
                        new StageChange(ModelStage.ARCHIVED, T0.plusSeconds(60), "replaced by version 2")),
                version(2, ModelStage.PRODUCTION, T0.plusSeconds(60), null,
                        new StageChange(ModelStage.PRODUCTION, T0.plusSeconds(60), "promoted")));
        RefusalReport refusal = RefusalReport.of(RefusalReport.letter("detectors", "model.versions", MODEL, 2, "signature",
                "signature does not verify")).orElseThrow();

        StatusView view = StatusView.of(ModelCatalog.of(versions, List.of(refusal)), List.of(), List.of(), T0.plusSeconds(3600));

        assertEquals(1, view.models().getFirst().servingVersion().orElseThrow());
        assertEquals(T0, view.models().getFirst().servingSince().orElseThrow());
    }
}
