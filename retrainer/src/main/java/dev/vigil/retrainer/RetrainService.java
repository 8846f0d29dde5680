package dev.vigil.retrainer;

import dev.vigil.avro.Label;
import dev.vigil.avro.LabelRequest;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one merged retrain request: skips models that already have a version for it (a retried request)
 * or are in cooldown, reads the domain's data once, trains each remaining model, and asks for labels of the
 * windows the first trained model was least sure of. Also promotes staging versions whose shadow period is
 * over. Works on ports, so it runs the same against Kafka and in tests.
 */
public final class RetrainService {
    private static final Logger LOG = LoggerFactory.getLogger(RetrainService.class);

    private final RetrainerSettings settings;
    private final RegistryPort registry;
    private final FeatureSource features;
    private final LabelSource labels;
    private final LabelRequestSink labelRequests;
    private final RetrainerMetrics metrics;
    private final Cooldown cooldown;
    private final TrainingDataSelector selector;
    private final ModelBuilder builder;
    private final ActiveLearner activeLearner;
    private final DetectorTrainer detectorCheck;

    public RetrainService(RetrainerSettings settings, RegistryPort registry, FeatureSource features, LabelSource labels,
                          LabelRequestSink labelRequests, RetrainerMetrics metrics) {
        this.settings = settings;
        this.registry = registry;
        this.features = features;
        this.labels = labels;
        this.labelRequests = labelRequests;
        this.metrics = metrics;
        this.cooldown = new Cooldown(settings.cooldown(), settings.maxInterval());
        this.selector = new TrainingDataSelector(settings.maxSamples(), settings.holdoutFraction(), settings.features());
        this.builder = new ModelBuilder(settings, registry, metrics);
        this.activeLearner = new ActiveLearner(settings.labelRequests(), settings.labelCandidates());
        this.detectorCheck = new DetectorTrainer(settings.targetFpr(), settings.searchBudget());
    }

    public List<Outcome> handle(MergedRequest request, Instant now) {
        metrics.trainingStarted();
        try {
            List<Outcome> outcomes = run(request, now);
            outcomes.forEach(metrics::outcome);
            outcomes.forEach(o -> LOG.info("Request {} for {}: {} {}", request.recordedId(), o.model(), o.status(), o.detail()));
            return outcomes;
        } finally {
            metrics.trainingEnded();
        }
    }

    private List<Outcome> run(MergedRequest request, Instant now) {
        ModelCatalog catalog = registry.catalog();
        if (ChallengerPromotion.isPromotion(request)) {
            return List.of(ChallengerPromotion.apply(request, catalog, registry));
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String model : Domains.models(request.model(), settings.detectors())) {
            List<ModelVersion> versions = catalog.versions(model);
            Optional<ModelVersion> done = versions.stream().filter(v -> request.coveredBy(v.getRequestId())).findFirst();
            Optional<String> wait = cooldown.blocks(versions, request.force(), now);
            if (done.isPresent()) {
                builder.archiveDisplaced(catalog, model, done.get().getVersion(), done.get().getStage());
                outcomes.add(new Outcome(model, Outcome.Status.ALREADY_DONE, done.get().getVersion(), done.get().getStage(),
                        "version " + done.get().getVersion() + " already records request " + done.get().getRequestId()));
            } else if (wait.isPresent()) {
                outcomes.add(Outcome.without(model, Outcome.Status.COOLDOWN, wait.get()));
            } else {
                pending.add(model);
            }
        }
        if (pending.isEmpty()) {
            return outcomes;
        }
        String domain = domainOf(request);
        if (!Domains.isKnown(domain)) {
            pending.forEach(m -> outcomes.add(Outcome.without(m, Outcome.Status.FAILED,
                    "unknown domain " + domain + ": expected bgp-* or telemetry-*")));
            return outcomes;
        }
        List<Label> allLabels = labels.labels();
        Instant windowEnd = trainingWindowEnd(domain, now);
        Instant windowStart = windowEnd.minus(settings.trainingWindow());
        Set<String> labelledKeys = allLabels.stream().filter(l -> domain.equals(l.getDomain()))
                .map(l -> FeatureSample.key(l.getEntity(), l.getWindowStart().toEpochMilli())).collect(Collectors.toSet());
        SampleBuffer buffer = new SampleBuffer(domain, windowStart.toEpochMilli(), labelledKeys, settings.maxSamples());
        FeatureBatch batch = features.read(Domains.featureTopic(domain), readFrom(domain, allLabels, windowStart), buffer);
        // The read starts at the window (not at changedSince) so the window is at hand if too little follows the change.
        TrainingSelection data = selector.select(domain, batch.samples(), allLabels, windowStart, windowEnd,
                request.changedSince(), sinceChangeSufficiency(domain, pending));
        if (data.fallback() != null) {
            LOG.warn("Request {}: training on the window since {}, not since the change at {}: {}", request.recordedId(),
                    windowStart, data.changedSince(), data.fallback());
        } else if (data.afterChange()) {
            LOG.info("Request {}: training on {} vectors of {} since the change at {}", request.recordedId(),
                    data.inRange(), domain, data.changedSince());
        }
        int needed = data.afterChange() ? settings.minSamplesSinceChange(domain) : settings.minSamples();
        if (data.size() < needed) {
            String detail = data.size() + " vectors of " + domain + " since "
                    + (data.afterChange() ? data.changedSince() : windowStart) + ", need " + needed;
            pending.forEach(m -> outcomes.add(Outcome.without(m, Outcome.Status.NOT_ENOUGH_DATA, detail)));
            return outcomes;
        }
        trainAll(request, pending, data, batch, catalog, domain, now, outcomes);
        return outcomes;
    }

    private void trainAll(MergedRequest request, List<String> pending, TrainingSelection data, FeatureBatch batch,
                          ModelCatalog catalog, String domain, Instant now, List<Outcome> outcomes) {
        double[] pseudoScores = null;
        ModelBuilder.Built first = null;
        for (String model : pending) {
            ModelBuilder.Built built;
            try {
                built = builder.build(model, request, data, batch, catalog, pseudoScores, now);
            } catch (RegistryUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.error("Training {} for request {} failed", model, request.recordedId(), e);
                outcomes.add(Outcome.without(model, Outcome.Status.FAILED, e.toString()));
                continue;
            }
            outcomes.add(built.outcome());
            if (built.model() != null) {
                metrics.announced(Duration.between(request.requestedAt(), Instant.now()));
                if (first == null) {
                    first = built;
                    if (!"classifier".equals(built.model().algorithm()) && settings.pseudoLabels()) {
                        pseudoScores = Scoring.calibrated(built.model(), data.train());
                    }
                }
            }
        }
        if (first != null) {
            askForLabels(first, data, domain, now);
        }
    }

    private void askForLabels(ModelBuilder.Built built, TrainingSelection data, String domain, Instant now) {
        double[] scores = Scoring.calibrated(built.model(), data.all());
        List<LabelRequest> requests = activeLearner.choose(data, scores, domain, built.outcome().model(),
                built.outcome().version(), now);
        if (!requests.isEmpty()) {
            labelRequests.send(requests);
            metrics.labelRequests(requests.size());
        }
    }

    /**
     * Rows since a change replace the window's when there are {@code min.samples.since.change} of them and every pending detector
     * type that the window's rows can train can also be trained on them (the forecaster needs consecutive windows,
     * the classifier labels of both classes), so preferring new data never costs a model.
     */
    private TrainingDataSelector.Sufficiency sinceChangeSufficiency(String domain, List<String> pending) {
        return TrainingDataSelector.Sufficiency.atLeast(settings.minSamplesSinceChange(domain)).and((since, window) -> {
            for (String model : pending) {
                String algorithm = ModelKeys.detectorOf(model);
                if (detectorCheck.canTrain(algorithm, window.train()) && !detectorCheck.canTrain(algorithm, since.train())) {
                    return Optional.of(algorithm + " cannot be trained on the " + since.train().size()
                            + " training rows since the change");
                }
            }
            return Optional.empty();
        });
    }

    /** Now, or with the data clock the newest feature record's time (never later than now). */
    private Instant trainingWindowEnd(String domain, Instant now) {
        if (settings.trainingClock() == RetrainerSettings.TrainingClock.WALL) {
            return now;
        }
        return features.newest(Domains.featureTopic(domain)).filter(t -> t.isBefore(now)).orElse(now);
    }

    /** Reads from the training window's start, or earlier when older labelled windows may still be on the topic. */
    private static Instant readFrom(String domain, List<Label> labels, Instant windowStart) {
        return labels.stream().filter(l -> domain.equals(l.getDomain())).map(Label::getWindowStart)
                .filter(windowStart::isAfter).min(Instant::compareTo).orElse(windowStart);
    }

    private static String domainOf(MergedRequest request) {
        if (request.domain() != null && !request.domain().isBlank()) {
            return request.domain();
        }
        return request.model().contains(".") ? ModelKeys.domainOf(request.model()) : request.model();
    }

    /** Promotes every staging version whose shadow period is over and that is still the model's staging version. */
    public List<ModelVersion> promoteFinishedShadows(Instant now) {
        ModelCatalog catalog = registry.catalog();
        List<ModelVersion> promoted = new ArrayList<>();
        for (String model : catalog.models()) {
            Optional<ModelVersion> staging = catalog.staging(model);
            Optional<Instant> since = staging.flatMap(RetrainService::stagingSince);
            if (since.isPresent() && !since.get().plus(settings.shadowDuration()).isAfter(now)) {
                promoted.add(registry.promote(model, staging.get().getVersion(),
                        "shadow scoring since " + since.get() + " ended without objection"));
                metrics.promoted("shadow");
            }
        }
        return promoted;
    }

    private static Optional<Instant> stagingSince(ModelVersion v) {
        List<StageChange> history = v.getStageHistory();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).getStage() == ModelStage.STAGING) {
                return Optional.of(history.get(i).getAt());
            }
        }
        return Optional.empty();
    }
}
