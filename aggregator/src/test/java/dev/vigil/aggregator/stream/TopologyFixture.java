package dev.vigil.aggregator.stream;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.MetricSample;
import dev.vigil.avro.RequestEvent;
import dev.vigil.schemas.Entities;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.StreamsProperties;
import dev.vigil.kit.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver on the aggregator's real topology, with a pinned clock and helpers for its topics. */
final class TopologyFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    final AppContext ctx;
    final TopologyTestDriver driver;
    final TestInputTopic<String, BgpUpdate> bgp;
    final TestInputTopic<String, RequestEvent> events;
    final TestInputTopic<String, MetricSample> metrics;
    final TestOutputTopic<String, FeatureVector> bgpFeatures;
    final TestOutputTopic<String, FeatureVector> telemetryFeatures;
    final TestOutputTopic<String, DeadLetter> late;

    TopologyFixture(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("kafka.state.dir", System.getProperty("java.io.tmpdir") + "/vigil-aggregator-ttd-" + System.nanoTime());
        ctx = AppContext.forTests("aggregator", all);
        Clock clock = Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC);
        driver = new TopologyTestDriver(AggregatorTopology.build(ctx, clock), StreamsProperties.of("aggregator", ctx.config()));
        var key = ctx.serdes().key();
        bgp = driver.createInputTopic(Topics.BGP_UPDATES, key.serializer(), ctx.serdes().value(BgpUpdate.class).serializer());
        events = driver.createInputTopic(Topics.TELEMETRY_EVENTS, key.serializer(), ctx.serdes().value(RequestEvent.class).serializer());
        metrics = driver.createInputTopic(Topics.TELEMETRY_METRICS, key.serializer(), ctx.serdes().value(MetricSample.class).serializer());
        var vectors = ctx.serdes().value(FeatureVector.class).deserializer();
        bgpFeatures = driver.createOutputTopic(Topics.FEATURES_BGP, key.deserializer(), vectors);
        telemetryFeatures = driver.createOutputTopic(Topics.FEATURES_TELEMETRY, key.deserializer(), vectors);
        late = driver.createOutputTopic(Topics.LATE_RECORDS, key.deserializer(), ctx.serdes().value(DeadLetter.class).deserializer());
    }

    TopologyFixture() {
        this(Map.of());
    }

    void pipe(BgpUpdate u) {
        bgp.pipeInput(Entities.peer(u), u, u.getTimestamp());
    }

    void pipe(RequestEvent e) {
        events.pipeInput(Entities.service(e), e, e.getTimestamp());
    }

    void pipe(MetricSample s) {
        metrics.pipeInput(Entities.metric(s), s, s.getTimestamp());
    }

    TestOutputTopic<String, DeadLetter> dlq(String topic) {
        return driver.createOutputTopic(Topics.dlq(topic), ctx.serdes().key().deserializer(),
                ctx.serdes().value(DeadLetter.class).deserializer());
    }

    static double value(FeatureVector v, String name) {
        int i = v.getFeatureNames().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(name + " not in " + v.getFeatureNames());
        }
        return v.getValues().get(i);
    }

    static List<FeatureVector> ofDomain(List<FeatureVector> vectors, String domain) {
        return vectors.stream().filter(v -> v.getDomain().equals(domain)).toList();
    }

    double counter(String name) {
        return ctx.metrics().find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
