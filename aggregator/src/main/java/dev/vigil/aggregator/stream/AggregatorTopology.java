package dev.vigil.aggregator.stream;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.MetricSample;
import dev.vigil.avro.RequestEvent;
import dev.vigil.schemas.Entities;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.deadletter.Validation;
import dev.vigil.kit.deadletter.Validator;
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics.Typed;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.common.utils.Bytes;

/**
 * The aggregator's topology: validated inputs into event-time windows, one feature vector per entity per closed
 * window. {@code bgp.updates} (keyed by peer) gives {@code bgp-peer} vectors without any re-key, and per-origin
 * partials that are re-keyed once per window (not per update) into {@code bgp-origin} vectors; both go to
 * {@code features.bgp}. {@code telemetry.events} and {@code telemetry.metrics} give {@code telemetry-service} and
 * {@code telemetry-metric} vectors on {@code features.telemetry}. Invalid records go to {@code <input>.dlq}, late
 * ones to {@code late.records}.
 */
public final class AggregatorTopology {
    static final String BGP_PEER_WINDOWS = "bgp-peer-windows";
    static final String BGP_PREFIX_STATE = "bgp-prefix-state";
    static final String BGP_PEER_BASELINES = "bgp-peer-baselines";
    static final String BGP_ORIGIN_PARTIALS = "bgp-origin-partials";
    static final String BGP_ORIGIN_WINDOWS = "bgp-origin-windows";
    static final String BGP_ORIGIN_SENDERS = "bgp-origin-senders";
    static final String SERVICE_WINDOWS = "telemetry-service-windows";
    static final String SERVICE_PREVIOUS = "telemetry-service-previous";
    static final String METRIC_WINDOWS = "telemetry-metric-windows";

    private final AppContext ctx;
    private final AggregatorSettings settings;
    private final Validators validators;
    private final int peerTasks;
    private final StreamsBuilder builder = new StreamsBuilder();

    private AggregatorTopology(AppContext ctx, Clock clock, int peerTasks) {
        this.ctx = ctx;
        this.peerTasks = peerTasks;
        this.settings = AggregatorSettings.from(ctx.config());
        this.validators = new Validators(clock, settings.maxFuture());
    }

    public static Topology build(AppContext ctx) {
        return build(ctx, Clock.systemUTC());
    }

    /** With a clock for the "too far in the future" check, so tests can pin it. */
    public static Topology build(AppContext ctx, Clock clock) {
        return build(ctx, clock, AggregatorSettings.from(ctx.config()).peerTasks());
    }

    /**
     * @param peerTasks how many peer tasks feed the per-origin merge (the partitions of the BGP input), which the
     *                  origin side waits for from the start; 0 when unknown: then it waits for those it has heard from
     */
    public static Topology build(AppContext ctx, Clock clock, int peerTasks) {
        AggregatorTopology t = new AggregatorTopology(ctx, clock, peerTasks);
        t.stores();
        t.bgp();
        t.telemetry();
        return t.builder.build();
    }

    private void stores() {
        // Window accumulators write behind: folded in memory, logged once per commit (see WindowedAccumulators).
        builder.addStateStore(WindowedAccumulators.builder(BGP_PEER_WINDOWS, BgpPeerProcessor.PEER_CODEC));
        builder.addStateStore(WindowedAccumulators.builder(BGP_ORIGIN_PARTIALS, settings.partialCodec()));
        builder.addStateStore(WindowedAccumulators.builder(BGP_ORIGIN_WINDOWS, settings.partialCodec()));
        builder.addStateStore(WindowedAccumulators.builder(SERVICE_WINDOWS, ServiceWindowProcessor.CODEC));
        builder.addStateStore(WindowedAccumulators.builder(METRIC_WINDOWS, MetricWindowProcessor.CODEC));
        builder.addStateStore(store(SERVICE_PREVIOUS).withCachingEnabled());
        builder.addStateStore(store(BGP_ORIGIN_SENDERS).withCachingEnabled());
        // No record cache in front of the prefix states: a full table is ~1M distinct keys per peer, so caching them
        // buys no de-duplication, and once they fill the thread's cache every put evicts and flushes.
        builder.addStateStore(store(BGP_PREFIX_STATE).withCachingDisabled());
        // One entry per peer (its rolling baseline, at most ~18 KB), changelogged like every store, so a restarted
        // aggregator goes on from the baselines it had.
        builder.addStateStore(store(BGP_PEER_BASELINES).withCachingEnabled());
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
    }

    private void bgp() {
        KStream<String, BgpUpdate> updates = input(Typed.BGP_UPDATES, validators::bgpUpdate, Entities::peer,
                (key, u) -> InputKeys.namesPeer(key, u.getCollector(), u.getPeerAsn(), u.getPeerAddress()));
        LateRecords<BgpUpdate> late = late(Typed.BGP_UPDATES, settings.bgpGrace().toMillis());
        KStream<String, Emitted> peers = updates.process(() -> new BgpPeerProcessor(settings, late, ctx.metrics()),
                Named.as(BGP_PEER_WINDOWS), BGP_PEER_WINDOWS, BGP_PREFIX_STATE, BGP_ORIGIN_PARTIALS,
                BGP_PEER_BASELINES);
        KStream<String, Emitted> partials = route(peers, "bgp-peer", Typed.FEATURES_BGP);
        KStream<String, byte[]> byOrigin = partials.mapValues(e -> ((Emitted.Partial) e).bytes(), Named.as("bgp-partial-bytes"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("bgp-origin")
                        .withStreamPartitioner(OriginMessages.ROUTING));
        LateRecords<byte[]> latePartials = new LateRecords<>(ctx.appName(), b -> b, ctx.metrics(), settings.originMaxLag().toMillis());
        KStream<String, Emitted> origins = byOrigin.process(() -> new BgpOriginProcessor(settings, peerTasks, latePartials),
                Named.as(BGP_ORIGIN_WINDOWS), BGP_ORIGIN_WINDOWS, BGP_ORIGIN_SENDERS);
        route(origins, "bgp-origin", Typed.FEATURES_BGP);
    }

    private void telemetry() {
        LateRecords<RequestEvent> lateEvents = late(Typed.TELEMETRY_EVENTS, settings.telemetryGrace().toMillis());
        KStream<String, Emitted> services = input(Typed.TELEMETRY_EVENTS, validators::requestEvent, Entities::service)
                .process(() -> new ServiceWindowProcessor(settings, lateEvents), Named.as(SERVICE_WINDOWS), SERVICE_WINDOWS,
                        SERVICE_PREVIOUS);
        route(services, "telemetry-service", Typed.FEATURES_TELEMETRY);

        LateRecords<MetricSample> lateSamples = late(Typed.TELEMETRY_METRICS, settings.telemetryGrace().toMillis());
        KStream<String, Emitted> series = input(Typed.TELEMETRY_METRICS, validators::metricSample, Entities::metric)
                .process(() -> new MetricWindowProcessor(settings, lateSamples), Named.as(METRIC_WINDOWS), METRIC_WINDOWS);
        route(series, "telemetry-metric", Typed.FEATURES_TELEMETRY);
    }

    /**
     * The validated input, re-keyed by entity when {@code vigil.aggregator.rekey} asks for it; otherwise a record
     * whose key is not its entity goes to the dead-letter topic.
     */
    private <V extends SpecificRecord> KStream<String, V> input(Topic<V> topic, Validator<V> validator,
                                                               Function<V, String> entity) {
        return input(topic, validator, entity, (key, v) -> false);
    }

    /** As above, with a check that the key is the value's entity without building its name (the common case). */
    private <V extends SpecificRecord> KStream<String, V> input(Topic<V> topic, Validator<V> validator,
                                                               Function<V, String> entity,
                                                               java.util.function.BiPredicate<String, V> keyIsEntity) {
        // Without re-keying, a record keyed other than by its entity is dead-lettered rather than split off.
        KStream<String, V> valid = Validation.validate(builder.stream(ctx.topic(topic), ctx.consumed(topic)),
                topic, validator, null, settings.rekey() ? null
                        : (key, v) -> keyIsEntity.test(key, v) ? null : InputKeys.problem(key, entity.apply(v)), ctx);
        if (!settings.rekey()) {
            return valid;
        }
        String name = ctx.topic(topic).replace('.', '-') + "-by-entity";
        return valid.selectKey((k, v) -> entity.apply(v), Named.as(name + "-key"))
                .repartition(Repartitioned.with(ctx.serdes().key(), ctx.valueSerde(topic)).withName(name));
    }

    private <V extends SpecificRecord> LateRecords<V> late(Topic<V> source, long graceMillis) {
        String topic = ctx.topic(source);
        var serializer = ctx.valueSerde(source).serializer();
        // At zero from the start, so a rule's increase() sees the first late record too.
        ctx.metrics().counter(LateRecords.COUNTER, "topic", topic);
        return new LateRecords<>(ctx.appName(), v -> serializer.serialize(topic, v), ctx.metrics(), graceMillis);
    }

    /** Sends vectors to the features topic and late records to late.records; returns the rest (partials). */
    private KStream<String, Emitted> route(KStream<String, Emitted> out, String name, Topic<FeatureVector> featuresTopic) {
        Map<String, KStream<String, Emitted>> branches = out.split(Named.as(name + "-"))
                .branch((k, e) -> e instanceof Emitted.Vector, Branched.as("vectors"))
                .branch((k, e) -> e instanceof Emitted.Late, Branched.as("late"))
                .defaultBranch(Branched.as("other"));
        branches.get(name + "-vectors").mapValues(e -> ((Emitted.Vector) e).vector(), Named.as(name + "-vector-values"))
                .to(ctx.topic(featuresTopic), ctx.produced(featuresTopic).withName(name + "-features"));
        branches.get(name + "-late").mapValues(e -> ((Emitted.Late) e).letter(), Named.as(name + "-late-letters"))
                .to(ctx.topic(Typed.LATE_RECORDS), ctx.produced(Typed.LATE_RECORDS).withName(name + "-late-records"));
        return branches.get(name + "-other");
    }
}
