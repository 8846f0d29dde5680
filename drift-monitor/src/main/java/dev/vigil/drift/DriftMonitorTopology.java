package dev.vigil.drift;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.drift.state.DriftStores;
import dev.vigil.drift.streams.DriftProcessors;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.deadletter.Validation;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.registry.ModelKeys;
import dev.vigil.registry.RefusalReport;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The drift monitor's topology. Every input is re-keyed by domain, so one task holds a domain's feature
 * sketches together with the score sketches, labels and serving versions of its models (from the versions
 * topic and the detectors' refusal reports); five processors share the stores and the checks of closed windows emit to {@code drift.reports} and {@code retrain.requests}.
 */
public final class DriftMonitorTopology {
    private DriftMonitorTopology() {
    }

    public static Topology build(AppContext ctx, Clock clock) {
        DriftSettings settings = DriftSettings.from(ctx.config());
        StreamsBuilder builder = new StreamsBuilder();
        DriftStores.builders(settings).forEach(builder::addStateStore);
        DriftProcessors processors = new DriftProcessors(settings, ctx, clock);
        String[] stores = DriftStores.names();

        KStream<String, SpecificRecord> fromFeatures = byDomain(features(builder, ctx), "features", FeatureVector.class,
                ctx, settings).process(processors::features, Named.as("drift-features"), stores);
        KStream<String, SpecificRecord> fromScores = byDomain(scores(builder, ctx), "scores", DetectorScore.class,
                ctx, settings).process(processors::scores, Named.as("drift-scores"), stores);
        KStream<String, ModelVersion> versionRecords = input(builder, ctx, Typed.MODEL_VERSIONS);
        byDomain(versions(versionRecords, ctx), "versions", ModelVersion.class, ctx, settings)
                .process(processors::versions, Named.as("drift-versions"), stores);
        byDomain(labels(builder, ctx), "labels", Label.class, ctx, settings)
                .process(processors::labels, Named.as("drift-labels"), stores);
        byDomain(refusals(builder, ctx), "refusals", DeadLetter.class, ctx, settings)
                .process(processors::refusals, Named.as("drift-refusals"), stores);
        deletions(versionRecords, ctx, settings)
                .process(processors::deletions, Named.as("drift-version-deletions"), stores);

        KStream<String, SpecificRecord> out = fromFeatures.merge(fromScores, Named.as("drift-outputs"));
        out.filter((k, v) -> v instanceof DriftReport, Named.as("reports"))
                .mapValues(v -> (DriftReport) v, Named.as("as-reports"))
                .to(ctx.topic(Typed.DRIFT_REPORTS), ctx.produced(Typed.DRIFT_REPORTS));
        out.filter((k, v) -> v instanceof RetrainRequest, Named.as("requests"))
                .mapValues(v -> (RetrainRequest) v, Named.as("as-requests"))
                .to(ctx.topic(Typed.RETRAIN_REQUESTS), ctx.produced(Typed.RETRAIN_REQUESTS));
        return builder.build();
    }

    private static KStream<String, FeatureVector> features(StreamsBuilder builder, AppContext ctx) {
        KStream<String, FeatureVector> bgp = input(builder, ctx, Typed.FEATURES_BGP);
        KStream<String, FeatureVector> telemetry = input(builder, ctx, Typed.FEATURES_TELEMETRY);
        return Validation.validate(bgp, Typed.FEATURES_BGP, InputChecks::vector, FeatureVector::getWindowStart, ctx)
                .merge(Validation.validate(telemetry, Typed.FEATURES_TELEMETRY, InputChecks::vector,
                        FeatureVector::getWindowStart, ctx), Named.as("features-merged"));
    }

    /** Production scores only: unscored vectors have no model, and shadow scores belong to a staging model. */
    private static KStream<String, DetectorScore> scores(StreamsBuilder builder, AppContext ctx) {
        KStream<String, DetectorScore> scores = input(builder, ctx, Typed.SCORES);
        return Validation.validate(scores, Typed.SCORES, InputChecks::score, DetectorScore::getWindowStart, ctx)
                .filter((k, s) -> s.getStatus() == ScoreStatus.SCORED && !s.getShadow() && s.getModelName() != null,
                        Named.as("production-scores"));
    }

    /** Version records; their tombstones take the {@link #deletions} path, so they never reach validation. */
    private static KStream<String, ModelVersion> versions(KStream<String, ModelVersion> records, AppContext ctx) {
        KStream<String, ModelVersion> versions = records.filter((k, v) -> v != null, Named.as("versions-not-deleted"));
        return Validation.validate(versions, Typed.MODEL_VERSIONS, InputChecks::version, ctx);
    }

    /**
     * Tombstones on the versions topic: the version's record was deleted, so the serving rule no longer counts
     * it. The value passed on, by domain, is the tombstone's key {@code <model>/<version>}; other keys are dropped.
     */
    private static KStream<String, String> deletions(KStream<String, ModelVersion> records, AppContext ctx,
                                                     DriftSettings settings) {
        return records.filter((k, v) -> v == null && ModelKeys.parseVersion(k).isPresent(), Named.as("version-tombstones"))
                .map((k, v) -> KeyValue.pair(ModelKeys.domainOf(ModelKeys.parseVersion(k).orElseThrow().model()), k),
                        Named.as("deletions-by-domain"))
                .repartition(Repartitioned.with(ctx.serdes().key(), Serdes.String()).withName("deletions-by-domain")
                        .withNumberOfPartitions(settings.partitions()));
    }

    /**
     * The detectors' refusal reports; the other letters of the versions topic's dead-letter topic (undecodable
     * version records) are no business of the monitor and are dropped here.
     */
    private static KStream<String, DeadLetter> refusals(StreamsBuilder builder, AppContext ctx) {
        return builder.stream(ctx.deadLetterTopic(Typed.MODEL_VERSIONS),
                        ctx.consumedDeadLetters().withName("source-model-versions-dlq"))
                .filter((k, letter) -> RefusalReport.of(letter).isPresent(), Named.as("refusal-reports"));
    }

    private static KStream<String, Label> labels(StreamsBuilder builder, AppContext ctx) {
        KStream<String, Label> labels = input(builder, ctx, Typed.LABELS)
                .filter((k, v) -> v != null, Named.as("labels-not-deleted"));
        return Validation.validate(labels, Typed.LABELS, InputChecks::label, ctx);
    }

    private static <V extends SpecificRecord> KStream<String, V> input(StreamsBuilder builder, AppContext ctx,
                                                                     Topic<V> topic) {
        return builder.stream(ctx.topic(topic), ctx.consumed(topic)
                .withName("source-" + topic.defaultName().replace('.', '-')));
    }

    private static <V extends SpecificRecord> KStream<String, V> byDomain(KStream<String, V> in, String name,
                                                                        Class<V> type, AppContext ctx,
                                                                        DriftSettings settings) {
        return in.selectKey((k, v) -> InputChecks.domainOf(v), Named.as(name + "-by-domain"))
                .repartition(Repartitioned.with(ctx.serdes().key(), ctx.serdes().value(type))
                        .withName(name + "-by-domain").withNumberOfPartitions(settings.partitions()));
    }
}
