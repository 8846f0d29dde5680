package dev.vigil.aggregator.stream;

import static dev.vigil.aggregator.stream.TopologyFixture.T0;
import static dev.vigil.aggregator.stream.TopologyFixture.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.MetricSample;
import dev.vigil.avro.RequestEvent;
import dev.vigil.schemas.Entities;
import dev.vigil.kit.topics.Topics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service and metric windows on the real topology: closing, throughput change, late and invalid records. */
class TelemetryTopologyTest {

    private static RequestEvent event(long second, double latency, boolean error) {
        return RequestEvent.newBuilder().setService("checkout").setInstance("pod-1").setTimestamp(T0.plusSeconds(second))
                .setLatencyMs(latency).setError(error).build();
    }

    private static MetricSample sample(long second, double value) {
        return MetricSample.newBuilder().setSource("host1").setMetric("cpu").setTimestamp(T0.plusSeconds(second))
                .setValue(value).setTags(Map.of()).build();
    }

    @Test
    void serviceWindowsCloseAfterGraceWithThroughputChange() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(event(10, 100, false));
            f.pipe(event(20, 200, true));
            f.pipe(event(299, 300, false));
            f.pipe(event(310, 50, false)); // next window; [0, 5 m) still in grace
            assertTrue(f.telemetryFeatures.isEmpty());
            f.pipe(event(330, 50, false)); // stream time 5 m 30 s closes [0, 5 m)
            List<FeatureVector> out = f.telemetryFeatures.readValuesToList();
            assertEquals(1, out.size());
            FeatureVector v = out.getFirst();
            assertEquals("service:checkout", v.getEntity());
            assertEquals(Entities.TELEMETRY_SERVICE, v.getDomain());
            assertEquals(3.0, value(v, "event_count"));
            assertEquals(1.0 / 3, value(v, "error_rate"), 1e-12);
            assertEquals(200.0, value(v, "latency_p50"));
            assertEquals(3.0, value(v, "throughput_change"), "(3 - 0) / max(0, 1): no earlier window");
            assertEquals(0.0, value(v, "hour_sin"), 1e-12, "midnight");
            assertEquals(1.0, value(v, "hour_cos"), 1e-12);
            f.pipe(event(700, 10, false)); // closes [5 m, 10 m): 2 events
            FeatureVector second = f.telemetryFeatures.readValuesToList().getFirst();
            assertEquals(2.0, value(second, "event_count"));
            assertEquals((2.0 - 3.0) / 3.0, value(second, "throughput_change"), 1e-12);
        }
    }

    @Test
    void aServiceWindowIsMeasuredAgainstTheServicesOwnHour() {
        try (TopologyFixture f = new TopologyFixture()) {
            // Nine windows of 5 requests (one a minute), then one of 30: six a minute.
            for (long minute = 0; minute < 45; minute++) {
                f.pipe(event(minute * 60 + 1, 20, false));
            }
            for (int i = 0; i < 30; i++) {
                f.pipe(event(45 * 60 + 10 * i, 20, false));
            }
            f.pipe(event(55 * 60, 20, false)); // closes [45 m, 50 m)
            List<FeatureVector> out = f.telemetryFeatures.readValuesToList();
            assertEquals(10, out.size());
            assertEquals(0.0, value(out.getFirst(), "count_vs_hour"), "an hour not seen for half an hour says nothing");
            assertEquals(0.0, value(out.get(7), "count_vs_hour"), 1e-6, "the usual rate");
            assertEquals(Math.log(7) - Math.log(2), value(out.getLast(), "count_vs_hour"), 1e-6,
                    "six a minute where one is usual");
        }
    }

    @Test
    void metricWindowsGiveTheirStatisticsAndLateSamplesAreKept() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(sample(0, 2));
            f.pipe(sample(10, 4));
            f.pipe(sample(20, 9));
            f.pipe(sample(400, 1)); // closes [0, 5 m)
            f.pipe(sample(30, 100)); // late
            FeatureVector v = f.telemetryFeatures.readValuesToList().getFirst();
            assertEquals("metric:host1|cpu", v.getEntity());
            assertEquals(Entities.TELEMETRY_METRIC, v.getDomain());
            assertEquals(3, v.getEventCount());
            assertEquals(5.0, value(v, "mean"), 1e-12);
            assertEquals(9.0, value(v, "last"));
            assertEquals(0.35, value(v, "slope"), 1e-12);
            DeadLetter letter = f.late.readValuesToList().getFirst();
            assertEquals(Topics.TELEMETRY_METRICS, letter.getSourceTopic());
            assertEquals("late", letter.getErrorClass());
        }
    }

    @Test
    void negativeLatencyFutureTimestampAndMissingFieldsAreDeadLetters() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.pipe(event(1, -5, false));
            f.pipe(event(86_400 + 3600, 5, false));
            RequestEvent noService = event(2, 5, false);
            noService.setService(" ");
            f.events.pipeInput("x", noService);
            f.pipe(sample(3, Double.NaN));
            List<String> events = f.dlq(Topics.TELEMETRY_EVENTS).readValuesToList().stream().map(DeadLetter::getReason).toList();
            assertEquals("negative latency -5.0 ms", events.get(0));
            assertTrue(events.get(1).contains("in the future"));
            assertEquals("missing service", events.get(2));
            assertEquals("value is not a finite number", f.dlq(Topics.TELEMETRY_METRICS).readValue().getReason());
        }
    }
}
