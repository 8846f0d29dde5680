package dev.vigil.retrainer;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.ModelCodec;
import dev.vigil.models.TrainingSet;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import dev.vigil.registry.ModelRegistryClient;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains, validates, decides and registers one model version from an already selected data set, then
 * archives the version it displaces.
 */
final class ModelBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ModelBuilder.class);

    private final RetrainerSettings settings;
    private final RegistryPort registry;
    private final RetrainerMetrics metrics;
    private final DetectorTrainer trainer;
    private final HoldoutValidator validator;
    private final PromotionPolicy policy;

    ModelBuilder(RetrainerSettings settings, RegistryPort registry, RetrainerMetrics metrics) {
        this.settings = settings;
        this.registry = registry;
        this.metrics = metrics;
        this.trainer = new DetectorTrainer(settings.targetFpr(), settings.searchBudget());
        this.validator = new HoldoutValidator(settings.maxAlertRateFactor());
        this.policy = new PromotionPolicy(settings.promotion(), settings.tolerance(), settings.shadowDuration());
    }

    /** A registered version and its model, for label requests and pseudo-labels of the models that follow. */
    record Built(Outcome outcome, AnomalyModel model) {
    }

    /**
     * @param pseudoScores calibrated scores of the training rows by an unsupervised model of this run, used
     *                     for the classifier's pseudo-labels when enabled; null when there are none
     */
    Built build(String model, MergedRequest request, TrainingSelection data, FeatureBatch batch, ModelCatalog catalog,
                double[] pseudoScores, Instant now) {
        String algorithm = ModelKeys.detectorOf(model);
        TrainingSet train = data.train();
        long pseudo = 0;
        if (settings.pseudoLabels() && pseudoScores != null && "classifier".equals(algorithm)) {
            TrainingSet withPseudo = PseudoLabels.apply(train, pseudoScores, settings.pseudoLow(), settings.pseudoHigh());
            pseudo = PseudoLabels.added(train, withPseudo);
            train = withPseudo;
        }
        int version = catalog.latestVersionNumber(model) + 1;
        LOG.info("Training {} version {} on {} rows ({} labelled) for request {}", model, version, train.size(),
                data.labelled(), request.recordedId());
        Optional<DetectorTrainer.Trained> trained = trainer.train(algorithm, train, version);
        if (trained.isEmpty()) {
            return new Built(Outcome.without(model, Outcome.Status.CANNOT_TRAIN, cannotTrainReason(algorithm, train)), null);
        }
        AnomalyModel candidate = trained.get().model();
        metrics.trained(algorithm, trained.get().trainingTime());
        Optional<ModelVersion> production = catalog.production(model);
        ValidationReport report = validator.validate(candidate, productionModel(production, candidate), data.all(), data.holdoutStart());
        PromotionDecision decision = policy.decide(report, production.isPresent());
        byte[] artifact = ModelCodec.encode(candidate);
        ModelVersion record = VersionFactory.build(new VersionFactory.Inputs(model, version, trained.get(), artifact, data,
                batch, report, decision, production.map(ModelVersion::getVersion).orElse(null), request,
                BaselineSketches.perFeature(data.train().features(), candidate.featureNames()),
                BaselineSketches.scores(Scoring.calibrated(candidate, data.train())), pseudo), now);
        registry.publish(record, artifact);
        // A second transaction: a crash here is repaired when the request is retried (see RetrainService).
        archiveDisplaced(catalog, model, version, decision.stage());
        LOG.info("Announced {} version {} as {}: {}", model, version, decision.stage(), decision.reason());
        return new Built(new Outcome(model, Outcome.Status.TRAINED, version, decision.stage(), decision.reason()), candidate);
    }

    /** The production model when it scores the same features as the candidate; otherwise nothing to compare. */
    private AnomalyModel productionModel(Optional<ModelVersion> production, AnomalyModel candidate) {
        if (production.isEmpty() || !production.get().getFeatureNames().equals(candidate.featureNames())) {
            return null;
        }
        try {
            return ModelCodec.decode(registry.artifact(production.get()));
        } catch (RuntimeException e) {
            LOG.warn("Cannot load production {} version {} for comparison: {}", production.get().getName(),
                    production.get().getVersion(), e.toString());
            return null;
        }
    }

    /**
     * A new production version archives the old one; a new staging version supersedes an older staging one.
     * Also finishes this step for a retried request whose version was announced just before a crash.
     */
    void archiveDisplaced(ModelCatalog catalog, String model, int version, ModelStage stage) {
        if (stage != ModelStage.PRODUCTION && stage != ModelStage.STAGING) {
            return;
        }
        java.util.List<ModelVersion> displaced = catalog.versions(model).stream()
                .filter(v -> v.getVersion() < version && v.getStage() == stage)
                .map(old -> ModelRegistryClient.withStage(old, ModelStage.ARCHIVED,
                        (stage == ModelStage.PRODUCTION ? "replaced" : "superseded") + " by version " + version))
                .toList();
        if (!displaced.isEmpty()) {
            registry.announce(displaced);
        }
    }

    private static String cannotTrainReason(String algorithm, TrainingSet train) {
        if ("classifier".equals(algorithm)) {
            return "classifier needs labelled windows of both classes; have " + train.count(TrainingSet.NORMAL)
                    + " normal and " + train.count(TrainingSet.ANOMALY) + " anomalous";
        }
        return algorithm + " cannot be trained on " + train.size() + " rows";
    }
}
