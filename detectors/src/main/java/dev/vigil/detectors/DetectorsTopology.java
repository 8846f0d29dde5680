package dev.vigil.detectors;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelArtifact;
import dev.vigil.avro.ModelVersion;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.deadletter.Validation;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.registry.ModelSignatures;
import java.time.Clock;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * features.bgp + features.telemetry -> validate -> score with every serving model -> scores.
 *
 * <p>Models are followed through two global stores on {@code model.versions} and {@code model.artifacts}
 * whose processors feed a {@link ModelReloader}; it loads, checks and swaps models in per-model atomic
 * references that the scoring processor reads. Why global stores and not a consumer thread of our own:
 * Streams reads them with the same read_committed isolation as the inputs (a version is seen only once
 * its publishing transaction, chunks included, committed), replays them fully before any stream task
 * starts (so a restarted instance scores with the current model from its first record, not UNSCORED),
 * and they live and die with the topology. The model in use is not part of a task's transaction and
 * need not be: each vector's score records and its history update are committed atomically with its
 * input offset (exactly_once_v2), so a vector is scored once whatever swaps happen; if a transaction
 * aborts, the retried vector is scored by whatever version serves then, and its record names that version.
 */
public final class DetectorsTopology {
    public static final String HISTORY_STORE = "detectors-entity-history";
    /** Refusals each task has reported, so a report lost with an aborted transaction is made again. */
    public static final String REFUSALS_STORE = "detectors-refusal-reports";
    /** Each entity's adaptive detector state: bounded (a few KB per entity), logged, expired when the entity goes silent. */
    public static final String ADAPTIVE_STORE = "detectors-entity-adaptive";
    public static final String VERSIONS_STORE = "detectors-model-versions";
    public static final String ARTIFACTS_STORE = "detectors-model-artifacts";

    private final AppContext ctx;
    private final DetectorsSettings settings;
    private final CanarySet canaries;
    private final DetectorMetrics metrics;
    private final ModelReloader reloader;
    private final Clock clock;

    public DetectorsTopology(AppContext ctx) {
        this(ctx, Clock.systemUTC());
    }

    public DetectorsTopology(AppContext ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
        this.settings = DetectorsSettings.from(ctx.config());
        this.canaries = new CanarySet(settings.canarySize());
        this.metrics = new DetectorMetrics(ctx.metrics());
        this.reloader = new ModelReloader(new ServingModels(), canaries, new ModelLoader(clock, ModelSignatures.verifier(ctx.config())), metrics, clock,
                settings.shadow());
    }

    /** The reloader this topology feeds: what serves, and the catalog it follows. */
    public ModelReloader reloader() {
        return reloader;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> keys = ctx.serdes().key();
        addRegistryStores(builder, keys);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE), keys,
                EntityHistorySerde.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ADAPTIVE_STORE), keys,
                Serdes.ByteArray()));
        // Small (one entry per refused version) and logged: restored with the task's other state.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(REFUSALS_STORE), keys, Serdes.String()));

        KStream<String, FeatureVector> vectors = validated(builder, Typed.FEATURES_BGP)
                .merge(validated(builder, Typed.FEATURES_TELEMETRY), Named.as("merge-features"));
        String versionsTopic = ctx.topic(Typed.MODEL_VERSIONS);
        VectorScorer scorer = new VectorScorer(metrics);
        KStream<String, SpecificRecord> out = vectors.process(() -> new ScoringProcessor(reloader, canaries, scorer,
                settings, HISTORY_STORE, REFUSALS_STORE, ADAPTIVE_STORE, ctx.appName(), versionsTopic, clock),
                Named.as("score"), HISTORY_STORE, REFUSALS_STORE, ADAPTIVE_STORE);

        out.filter((k, v) -> v instanceof DetectorScore, Named.as("score-records"))
                .mapValues(v -> (DetectorScore) v, Named.as("as-scores"))
                .to(ctx.topic(Typed.SCORES), ctx.produced(Typed.SCORES));
        out.filter((k, v) -> v instanceof DeadLetter, Named.as("refusal-reports"))
                .mapValues(v -> (DeadLetter) v, Named.as("as-dead-letters"))
                .to(ctx.deadLetterTopic(Typed.MODEL_VERSIONS), ctx.producedDeadLetters());
        return builder.build();
    }

    private void addRegistryStores(StreamsBuilder builder, Serde<String> keys) {
        Serde<ModelVersion> versions = ctx.valueSerde(Typed.MODEL_VERSIONS);
        Serde<ModelArtifact> artifacts = ctx.valueSerde(Typed.MODEL_ARTIFACTS);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(VERSIONS_STORE), keys, versions)
                        .withLoggingDisabled(), ctx.topic(Typed.MODEL_VERSIONS), Consumed.with(keys, Serdes.ByteArray()),
                () -> RegistryProcessors.versions(reloader, VERSIONS_STORE, ctx.guard(Typed.MODEL_VERSIONS)));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ARTIFACTS_STORE), keys, artifacts)
                        .withLoggingDisabled(), ctx.topic(Typed.MODEL_ARTIFACTS), Consumed.with(keys, Serdes.ByteArray()),
                () -> RegistryProcessors.artifacts(reloader, ARTIFACTS_STORE, ctx.guard(Typed.MODEL_ARTIFACTS)));
    }

    private KStream<String, FeatureVector> validated(StreamsBuilder builder, Topic<FeatureVector> topic) {
        KStream<String, FeatureVector> in = builder.stream(ctx.topic(topic), ctx.consumed(topic));
        return Validation.validate(in, topic, DetectorsTopology::problem, FeatureVector::getWindowStart, ctx);
    }

    /** Domain checks of an input vector; null when it can be scored. */
    static String problem(FeatureVector v) {
        if (v.getEntity() == null || v.getEntity().isBlank()) {
            return "entity is empty";
        }
        if (v.getDomain() == null || v.getDomain().isBlank()) {
            return "domain is empty";
        }
        List<String> names = v.getFeatureNames();
        if (names.isEmpty() || names.size() != v.getValues().size()) {
            return names.size() + " feature names for " + v.getValues().size() + " values";
        }
        if (names.stream().distinct().count() != names.size()) {
            return "feature names repeat: " + names;
        }
        for (int i = 0; i < names.size(); i++) {
            Double value = v.getValues().get(i);
            if (value == null || !Double.isFinite(value)) {
                return "feature " + names.get(i) + " is not finite: " + value;
            }
        }
        return null;
    }
}
