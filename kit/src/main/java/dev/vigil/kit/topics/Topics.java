package dev.vigil.kit.topics;

import dev.vigil.avro.Alert;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;
import dev.vigil.avro.LabelRequest;
import dev.vigil.avro.MetricSample;
import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place that names Vigil's topics and says how each is configured. Names can be changed with
 * {@code vigil.topic.<default name>} (e.g. {@code vigil.topic.bgp.updates=prod.bgp.updates}).
 */
public final class Topics {
    public static final String BGP_UPDATES = "bgp.updates";
    public static final String TELEMETRY_EVENTS = "telemetry.events";
    public static final String TELEMETRY_METRICS = "telemetry.metrics";
    public static final String FEATURES_BGP = "features.bgp";
    public static final String FEATURES_TELEMETRY = "features.telemetry";
    public static final String SCORES = "scores";
    public static final String ALERTS = "alerts";
    public static final String DRIFT_REPORTS = "drift.reports";
    public static final String RETRAIN_REQUESTS = "retrain.requests";
    public static final String MODEL_VERSIONS = "model.versions";
    public static final String MODEL_ARTIFACTS = "model.artifacts";
    public static final String LABELS = "labels";
    public static final String LABEL_REQUESTS = "label.requests";
    public static final String LATE_RECORDS = "late.records";

    /**
     * Each topic with the Avro class of its values, for the call sites that read or write it: {@code Topics.SCORES}
     * is the name (config keys, topic creation), {@code Topics.Typed.SCORES} the name with its value class.
     */
    public static final class Typed {
        public static final Topic<BgpUpdate> BGP_UPDATES = new Topic<>(Topics.BGP_UPDATES, BgpUpdate.class);
        public static final Topic<RequestEvent> TELEMETRY_EVENTS = new Topic<>(Topics.TELEMETRY_EVENTS, RequestEvent.class);
        public static final Topic<MetricSample> TELEMETRY_METRICS = new Topic<>(Topics.TELEMETRY_METRICS, MetricSample.class);
        public static final Topic<FeatureVector> FEATURES_BGP = new Topic<>(Topics.FEATURES_BGP, FeatureVector.class);
        public static final Topic<FeatureVector> FEATURES_TELEMETRY = new Topic<>(Topics.FEATURES_TELEMETRY, FeatureVector.class);
        public static final Topic<DetectorScore> SCORES = new Topic<>(Topics.SCORES, DetectorScore.class);
        public static final Topic<Alert> ALERTS = new Topic<>(Topics.ALERTS, Alert.class);
        public static final Topic<DriftReport> DRIFT_REPORTS = new Topic<>(Topics.DRIFT_REPORTS, DriftReport.class);
        public static final Topic<RetrainRequest> RETRAIN_REQUESTS = new Topic<>(Topics.RETRAIN_REQUESTS, RetrainRequest.class);
        public static final Topic<ModelVersion> MODEL_VERSIONS = new Topic<>(Topics.MODEL_VERSIONS, ModelVersion.class);
        public static final Topic<ModelArtifact> MODEL_ARTIFACTS = new Topic<>(Topics.MODEL_ARTIFACTS, ModelArtifact.class);
        public static final Topic<Label> LABELS = new Topic<>(Topics.LABELS, Label.class);
        public static final Topic<LabelRequest> LABEL_REQUESTS = new Topic<>(Topics.LABEL_REQUESTS, LabelRequest.class);
        /** Late records are dead letters with error class {@code late}, kept apart from the dead-letter topics. */
        public static final Topic<DeadLetter> LATE_RECORDS = new Topic<>(Topics.LATE_RECORDS, DeadLetter.class);

        private Typed() {
        }
    }

    /** Suffix of the dead-letter topic of every input topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Default name of every topic, each of which {@code vigil.topic.<default name>} may rename. */
    public static final List<String> DEFAULT_NAMES = List.of(BGP_UPDATES, TELEMETRY_EVENTS, TELEMETRY_METRICS, FEATURES_BGP,
            FEATURES_TELEMETRY, SCORES, ALERTS, DRIFT_REPORTS, RETRAIN_REQUESTS, MODEL_VERSIONS, MODEL_ARTIFACTS, LABELS,
            LABEL_REQUESTS, LATE_RECORDS);

    /** Inputs that have a dead-letter topic: every topic an app reads. */
    public static final List<String> WITH_DEAD_LETTERS = List.of(BGP_UPDATES, TELEMETRY_EVENTS, TELEMETRY_METRICS,
            FEATURES_BGP, FEATURES_TELEMETRY, SCORES, LABELS, RETRAIN_REQUESTS, MODEL_VERSIONS, MODEL_ARTIFACTS);

    private static final Duration DAY = Duration.ofDays(1);

    private final VigilConfig config;

    public Topics(VigilConfig config) {
        this.config = config;
    }

    /** The configured name of a topic (its default name unless overridden). */
    public String name(String defaultName) {
        return config.get("vigil.topic." + defaultName, defaultName);
    }

    /** The configured name of a typed topic. */
    public String name(Topic<?> topic) {
        return name(topic.defaultName());
    }

    /** The configured name of a typed topic's dead-letter topic, which holds {@link DeadLetter} values. */
    public String dlqName(Topic<?> topic) {
        return dlq(name(topic));
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /**
     * The dead-letter topic of an app's own internal topics (repartition and changelog topics), which have no
     * dead-letter topic of their own: {@code vigil-<app>.dlq}.
     */
    public static String appDlq(String app) {
        return "vigil-" + app + DLQ_SUFFIX;
    }

    /** Where a record from a source topic goes when it fails: the source's dead-letter topic, or the app's. */
    public String deadLetterTopic(String sourceTopic, String app) {
        boolean hasOwn = WITH_DEAD_LETTERS.stream().map(this::name).anyMatch(n -> n.equals(sourceTopic));
        return hasOwn ? dlq(sourceTopic) : appDlq(app);
    }

    /** The topics an app needs: every shared topic and its own dead-letter topic. */
    public List<TopicSpec> forApp(String app) {
        List<TopicSpec> specs = new ArrayList<>(all());
        specs.add(delete(appDlq(app), DAY.multipliedBy(30)));
        return specs;
    }

    /** Every topic Vigil uses, with its configuration. */
    public List<TopicSpec> all() {
        List<TopicSpec> specs = new ArrayList<>();
        specs.add(delete(BGP_UPDATES, DAY.multipliedBy(3)));
        specs.add(delete(TELEMETRY_EVENTS, DAY.multipliedBy(3)));
        specs.add(delete(TELEMETRY_METRICS, DAY.multipliedBy(3)));
        specs.add(delete(FEATURES_BGP, DAY.multipliedBy(14)));
        specs.add(delete(FEATURES_TELEMETRY, DAY.multipliedBy(14)));
        specs.add(delete(SCORES, DAY.multipliedBy(3)));
        specs.add(delete(ALERTS, DAY.multipliedBy(30)));
        specs.add(delete(DRIFT_REPORTS, DAY.multipliedBy(30)));
        specs.add(delete(RETRAIN_REQUESTS, DAY.multipliedBy(30)));
        specs.add(delete(LABEL_REQUESTS, DAY.multipliedBy(30)));
        specs.add(delete(LATE_RECORDS, DAY.multipliedBy(7)));
        // Labels are keyed by entity and window, so compaction keeps the latest verdict on each window.
        specs.add(compacted(LABELS, partitions()));
        // The registry: one partition keeps every instance's view in announcement order.
        specs.add(compacted(MODEL_VERSIONS, 1));
        // Artifacts are chunked (see ModelArtifact) below the broker's default 1 MB message limit.
        specs.add(compacted(MODEL_ARTIFACTS, 1));
        for (String input : WITH_DEAD_LETTERS) {
            specs.add(delete(dlq(name(input)), DAY.multipliedBy(30)));
        }
        return specs;
    }

    public TopicSpec spec(String defaultName) {
        String name = name(defaultName);
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown topic " + defaultName));
    }

    private int partitions() {
        return config.getInt("vigil.topics.partitions", 3);
    }

    private short replication() {
        return (short) config.getInt("vigil.topics.replication.factor", -1);
    }

    private TopicSpec delete(String topic, Duration retention) {
        return new TopicSpec(name(topic), partitions(), replication(),
                Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis())));
    }

    private TopicSpec compacted(String topic, int partitions) {
        return new TopicSpec(name(topic), partitions, replication(),
                Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"));
    }
}
