package dev.vigil.aggregator.stream;

import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.MetricSample;
import dev.vigil.avro.RequestEvent;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.testing.TopologyHarness;
import dev.vigil.kit.topics.Topics;
import dev.vigil.schemas.Entities;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The aggregator's real topology on the kit's {@link TopologyHarness}, with a pinned clock and helpers for its topics. */
final class TopologyFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    private final TopologyHarness harness;
    final AppContext ctx;
    final TopologyTestDriver driver;
    final TestInputTopic<String, BgpUpdate> bgp;
    final TestInputTopic<String, RequestEvent> events;
    final TestInputTopic<String, MetricSample> metrics;
    final TestOutputTopic<String, FeatureVector> bgpFeatures;
    final TestOutputTopic<String, FeatureVector> telemetryFeatures;
    final TestOutputTopic<String, DeadLetter> late;

    TopologyFixture(Map<String, String> settings) {
        Clock clock = Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC);
        harness = TopologyHarness.forApp("aggregator").settings(settings).start(ctx -> AggregatorTopology.build(ctx, clock));
        ctx = harness.context();
        driver = harness.driver();
        bgp = harness.input(Topics.BGP_UPDATES, BgpUpdate.class);
        events = harness.input(Topics.TELEMETRY_EVENTS, RequestEvent.class);
        metrics = harness.input(Topics.TELEMETRY_METRICS, MetricSample.class);
        bgpFeatures = harness.output(Topics.FEATURES_BGP, FeatureVector.class);
        telemetryFeatures = harness.output(Topics.FEATURES_TELEMETRY, FeatureVector.class);
        late = harness.output(Topics.LATE_RECORDS, DeadLetter.class);
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
        return harness.deadLetters(topic);
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
        harness.close();
    }
}
