package dev.vigil.ensemble.streams;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.Label;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.EnsembleSettings;
import dev.vigil.ensemble.model.ActiveModels;
import dev.vigil.ensemble.model.ExpectedDetectors;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.deadletter.Validation;
import dev.vigil.kit.topics.Topics.Typed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The ensemble's topology.
 *
 * <pre>
 * scores (key entity) -> validate -> fuse-windows [ensemble-windows]            (stage 1: wait rule)
 *     -> repartition windows-by-domain (JSON) ─┐
 * labels -> validate -> key by domain -> repartition labels-by-domain ─┴> judge-incidents [ensemble-domains]
 *     -> alerts (key alert id), retrain.requests (promotion requests, key model)  (stage 2)
 * model.versions -> global store ensemble-model-versions ──┬> ActiveModels (read by stage 1)
 * model.versions.dlq (refusal reports) -> global store ensemble-model-refusals ┘
 * </pre>
 *
 * Stage 2 is keyed by domain because correlation and the minimum number of affected BGP peers need every
 * entity of a window in one place; it receives one small record per entity window, not one per score.
 */
public final class EnsembleTopology {
    public static final String WINDOWS_STORE = "ensemble-windows";
    public static final String DOMAIN_STORE = "ensemble-domains";
    public static final String MODELS_STORE = "ensemble-model-versions";
    public static final String REFUSALS_STORE = "ensemble-model-refusals";

    private EnsembleTopology() {
    }

    public static Topology build(AppContext ctx) {
        return build(ctx, new ActiveModels());
    }

    /** The topology, feeding the given view of the registry (which tests can then ask). */
    public static Topology build(AppContext ctx, ActiveModels models) {
        EnsembleSettings settings = EnsembleSettings.from(ctx.config());
        EnsembleMetrics metrics = new EnsembleMetrics(ctx.metrics());
        ExpectedDetectors expected = new ExpectedDetectors(models, settings.detectors());
        var keys = ctx.serdes().key();
        StreamsBuilder builder = new StreamsBuilder();

        addRegistryStores(builder, ctx, models);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOWS_STORE), keys, Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DOMAIN_STORE), keys, Serdes.String()));

        KStream<String, DetectorScore> scores = Validation.validate(
                builder.stream(ctx.topic(Typed.SCORES), ctx.consumed(Typed.SCORES)), Typed.SCORES, Converters::scoreProblem, ctx);
        KStream<String, Object> windows = scores
                .process(() -> new FusionProcessor(settings, expected, metrics), Named.as("fuse-windows"), WINDOWS_STORE)
                .repartition(Repartitioned.<String, WindowScores>as("windows-by-domain").withKeySerde(keys)
                        .withValueSerde(new JsonSerde<>(WindowScores.class)).withNumberOfPartitions(settings.domainPartitions()))
                .mapValues(w -> (Object) w, Named.as("windows-as-input"));

        var labelSerde = ctx.valueSerde(Typed.LABELS);
        // A tombstone on the compacted labels topic withdraws a label for future training (the retrainer reads
        // it so); a verdict already judged here stays judged, so it is skipped rather than dead-lettered.
        KStream<String, Label> labelRecords = builder.stream(ctx.topic(Typed.LABELS), ctx.consumed(Typed.LABELS))
                .filter((k, v) -> v != null, Named.as("labels-not-deleted"));
        KStream<String, Object> labels = Validation.validate(labelRecords, Typed.LABELS, Converters::labelProblem, ctx)
                .selectKey((k, label) -> label.getDomain(), Named.as("label-domain"))
                .repartition(Repartitioned.<String, Label>as("labels-by-domain").withKeySerde(keys).withValueSerde(labelSerde)
                        .withNumberOfPartitions(settings.domainPartitions()))
                .mapValues(l -> (Object) l, Named.as("labels-as-input"));

        KStream<String, SpecificRecord> out = windows.merge(labels, Named.as("domain-inputs"))
                .process(() -> new DomainProcessor(settings, metrics), Named.as("judge-incidents"), DOMAIN_STORE);
        out.split(Named.as("output-"))
                .branch((k, v) -> v instanceof Alert, Branched.withConsumer(s -> s.mapValues(v -> (Alert) v, Named.as("as-alert"))
                        .to(ctx.topic(Typed.ALERTS), ctx.produced(Typed.ALERTS)), "alerts"))
                .branch((k, v) -> v instanceof RetrainRequest, Branched.withConsumer(s -> s
                        .mapValues(v -> (RetrainRequest) v, Named.as("as-promotion"))
                        .to(ctx.topic(Typed.RETRAIN_REQUESTS), ctx.produced(Typed.RETRAIN_REQUESTS)),
                        "promotions"));
        return builder.build();
    }

    /**
     * The registry's versions and the refusal reports, as global stores in memory: Kafka Streams replays them
     * from the beginning through their processors on every start, so {@link ActiveModels} learns them in
     * offset order. (Until this view followed announcement order, the versions store was persistent; a store
     * left on disk by that release is not opened again and its view is rebuilt from the compacted topic.)
     */
    private static void addRegistryStores(StreamsBuilder builder, AppContext ctx, ActiveModels models) {
        var keys = ctx.serdes().key();
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODELS_STORE), keys,
                        ctx.valueSerde(Typed.MODEL_VERSIONS)).withLoggingDisabled(),
                ctx.topic(Typed.MODEL_VERSIONS), Consumed.with(keys, Serdes.ByteArray()),
                () -> new ModelVersionsProcessor(models, ctx.guard(Typed.MODEL_VERSIONS)));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(REFUSALS_STORE), keys,
                        Serdes.String()).withLoggingDisabled(),
                ctx.deadLetterTopic(Typed.MODEL_VERSIONS), Consumed.with(keys, Serdes.ByteArray()),
                () -> new RefusalReportsProcessor(models, ctx.guard(DeadLetter.class)));
    }
}
