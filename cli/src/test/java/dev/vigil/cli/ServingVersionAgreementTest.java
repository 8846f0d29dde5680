package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.detectors.CanarySet;
import dev.vigil.detectors.ModelLoader;
import dev.vigil.detectors.ModelReloader;
import dev.vigil.detectors.Refusal;
import dev.vigil.detectors.ReloadListener;
import dev.vigil.detectors.ServingModels;
import dev.vigil.drift.DriftMonitorApp;
import dev.vigil.drift.state.DriftStores;
import dev.vigil.drift.state.StoredServing;
import dev.vigil.drift.status.StatusView;
import dev.vigil.ensemble.EnsembleApp;
import dev.vigil.ensemble.model.ActiveModels;
import dev.vigil.ensemble.streams.EnsembleTopology;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import dev.vigil.models.Algorithms;
import dev.vigil.models.ModelCodec;
import dev.vigil.models.Trainers;
import dev.vigil.models.testing.SyntheticData;
import dev.vigil.registry.ArtifactChunks;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import dev.vigil.registry.ModelRegistryClient;
import dev.vigil.registry.RefusalReport;
import dev.vigil.registry.ops.CatalogTables;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One registry history, a promotion, a promotion the detectors refuse and two rollbacks, fed to every app's view
 * of it: the detectors' {@link ModelReloader} (which loads and checks the artifacts and reports its refusals),
 * the ensemble's and the drift monitor's real topologies (versions topic and refusal reports in), and the CLI's
 * catalog ({@code vigil models list} and {@code vigil status}). After every step all of them name the same
 * serving version.
 */
class ServingVersionAgreementTest {
    private static final String DOMAIN = "bgp-peer";
    private static final String MODEL = ModelKeys.modelName(DOMAIN, Algorithms.RULES);
    private static final int DIMENSION = 6;
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path state;

    private final ModelReloader detectors = new ModelReloader(new ServingModels(), new CanarySet(8), new ModelLoader(CLOCK),
            ReloadListener.NONE, CLOCK, true);
    private final ActiveModels ensemble = new ActiveModels();
    private TopologyHarness ensembleApp;
    private TopologyHarness driftApp;
    private final List<TestInputTopic<String, ModelVersion>> versionTopics = new ArrayList<>();
    private final List<TestInputTopic<String, DeadLetter>> reportTopics = new ArrayList<>();
    /** What the CLI reads: the versions topic and the refusal reports, in order. */
    private final List<ModelVersion> versionsTopic = new ArrayList<>();
    private final List<DeadLetter> reportsTopic = new ArrayList<>();

    @BeforeEach
    void start() {
        ensembleApp = TopologyHarness.forApp(EnsembleApp.NAME).stateDir(state.resolve("ensemble")).wallClockStart(T0)
                .start(ctx -> EnsembleTopology.build(ctx, ensemble));
        driftApp = TopologyHarness.forApp(DriftMonitorApp.NAME).setting("vigil.drift.partitions", "1")
                .stateDir(state.resolve("drift")).wallClockStart(T0).start(ctx -> new DriftMonitorApp(CLOCK).topology(ctx));
        for (TopologyHarness app : List.of(ensembleApp, driftApp)) {
            versionTopics.add(app.input(Topics.MODEL_VERSIONS, ModelVersion.class));
            reportTopics.add(app.input(Topics.dlq(Topics.MODEL_VERSIONS), DeadLetter.class));
        }
        detectors.activate();
    }

    @AfterEach
    void close() {
        ensembleApp.close();
        driftApp.close();
    }

    @Test
    void everyAppNamesTheSameServingVersionThroughPromotionRefusalAndRollback() {
        publish(1, ModelStage.PRODUCTION, artifact(1));
        assertAllServe(1);

        publish(2, ModelStage.STAGING, artifact(2));
        promote(2);
        assertAllServe(2);

        byte[] corrupt = artifact(3);
        corrupt[corrupt.length / 2] ^= 0x5A;
        publish(3, ModelStage.CANDIDATE, corrupt);
        promote(3);
        List<Refusal> refusals = reportRefusals();
        assertEquals(List.of(3), refusals.stream().map(Refusal::version).toList(), "the detectors refuse the corrupt v3");
        assertEquals(Optional.of(3), cliCatalog().production(MODEL).map(ModelVersion::getVersion), "v3 is announced");
        assertAllServe(2);

        rollBack();
        assertAllServe(2);
        rollBack();
        assertAllServe(1);
        assertTrue(reportRefusals().isEmpty(), "the rollbacks never chose the refused version");
    }

    private void assertAllServe(int version) {
        ModelCatalog cli = cliCatalog();
        String listed = CatalogTables.list(cli).lines().skip(1).findFirst().orElseThrow().trim().split("\\s{2,}")[2];
        Map<String, Object> views = Map.of(
                "detectors", detectors.serving().slot(MODEL).production().version(),
                "ensemble", ensemble.serving(MODEL).orElseThrow(),
                "drift monitor", driftServingVersion(),
                "vigil models list", Integer.parseInt(listed),
                "vigil status", StatusView.of(cli, List.of(), List.of(), T0).model(MODEL).orElseThrow().servingVersion()
                        .orElseThrow());
        views.forEach((app, serving) -> assertEquals(version, serving, app + " disagrees: " + views));
    }

    private int driftServingVersion() {
        KeyValueStore<String, byte[]> versions = driftApp.driver().getKeyValueStore(DriftStores.VERSIONS);
        return StoredServing.decode(versions.get(MODEL)).serving().orElseThrow();
    }

    /** The CLI's catalog, read as {@code ModelRegistryClient.catalogWithRefusals} reads it. */
    private ModelCatalog cliCatalog() {
        return ModelCatalog.of(versionsTopic, reportsTopic.stream().map(RefusalReport::of).flatMap(Optional::stream).toList());
    }

    /** What {@code vigil models promote} announces: the production version archived, then the promoted one. */
    private void promote(int version) {
        ModelCatalog catalog = cliCatalog();
        catalog.production(MODEL).filter(p -> p.getVersion() != version)
                .ifPresent(p -> announce(ModelRegistryClient.withStage(p, ModelStage.ARCHIVED, "replaced by version " + version)));
        announce(ModelRegistryClient.withStage(catalog.version(MODEL, version).orElseThrow(), ModelStage.PRODUCTION, "promoted"));
    }

    /** What {@code vigil models rollback} does: promote the version that would serve without the current one. */
    private void rollBack() {
        promote(CatalogTables.rollbackTarget(cliCatalog(), MODEL).orElseThrow().getVersion());
    }

    /** The detectors' refusal reports, written to the refusal-report topic every other app reads. */
    private List<Refusal> reportRefusals() {
        List<Refusal> refusals = detectors.drainRefusals();
        for (Refusal refusal : refusals) {
            DeadLetter report = refusal.report("detectors", Topics.MODEL_VERSIONS);
            reportsTopic.add(report);
            reportTopics.forEach(t -> t.pipeInput(ModelKeys.version(refusal.model(), refusal.version()), report));
        }
        return refusals;
    }

    private void publish(int version, ModelStage stage, byte[] artifact) {
        ModelVersion record = version(version, stage, artifact);
        ArtifactChunks.split(MODEL, version, artifact, ArtifactChunks.DEFAULT_CHUNK_BYTES).forEach(detectors::onChunk);
        announce(record);
    }

    private void announce(ModelVersion record) {
        versionsTopic.add(record);
        detectors.onVersion(record);
        versionTopics.forEach(t -> t.pipeInput(ModelKeys.version(MODEL, record.getVersion()), record));
    }

    private static byte[] artifact(long seed) {
        SyntheticData data = new SyntheticData(DIMENSION, 7);
        return ModelCodec.encode(Trainers.train(Algorithms.RULES, data.generate(20, 60, 0.0, seed), Map.of()));
    }

    /** A version record as the retrainer writes it, announcing the SHA-256 of the artifact it is given. */
    private static ModelVersion version(int version, ModelStage stage, byte[] artifact) {
        Instant at = T0.plusSeconds(version);
        return ModelVersion.newBuilder().setName(MODEL).setVersion(version).setDomain(DOMAIN).setAlgorithm(Algorithms.RULES)
                .setStage(stage)
                .setTrainingData(TrainingData.newBuilder().setTopic(Topics.FEATURES_BGP).setFromTime(at).setToTime(at)
                        .setSampleCount(1200).setLabelledCount(0).build())
                .setThreshold(1.0).setFeatureNames(SyntheticData.featureNames(DIMENSION))
                .setArtifactSha256(ArtifactChunks.sha256(artifact)).setArtifactSize(artifact.length).setArtifactChunks(1)
                .setStageHistory(List.of(new StageChange(stage, at, "registered"))).setCreatedAt(at).build();
    }
}
