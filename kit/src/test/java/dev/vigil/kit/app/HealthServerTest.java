package dev.vigil.kit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {
    @Test
    void readinessFollowsTheAppAndMetricsAreScraped() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("vigil.test.records").increment(3);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer server = new HealthServer("127.0.0.1", 0, registry,
                () -> new HealthServer.Readiness(ready.get(), ready.get() ? "RUNNING" : "REBALANCING"))) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(200, get(base + "/health/live").statusCode());
            HttpResponse<String> notReady = get(base + "/health/ready");
            assertEquals(503, notReady.statusCode());
            assertTrue(notReady.body().contains("REBALANCING"));
            ready.set(true);
            assertEquals(200, get(base + "/health/ready").statusCode());
            assertTrue(get(base + "/metrics").body().contains("vigil_test_records_total 3.0"));
        }
    }

    @Test
    void livenessFailsWhenTheAppCannotRecoverByItself() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        java.util.concurrent.atomic.AtomicReference<org.apache.kafka.streams.KafkaStreams.State> state =
                new java.util.concurrent.atomic.AtomicReference<>(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        try (HealthServer server = new HealthServer("127.0.0.1", 0, registry, () -> new HealthServer.Readiness(true, "RUNNING"),
                () -> AppRunner.liveness(state.get()))) {
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(200, get(base + "/health/live").statusCode());
            state.set(org.apache.kafka.streams.KafkaStreams.State.REBALANCING);
            assertEquals(200, get(base + "/health/live").statusCode(), "a rebalance recovers by itself");
            state.set(org.apache.kafka.streams.KafkaStreams.State.ERROR);
            HttpResponse<String> dead = get(base + "/health/live");
            assertEquals(503, dead.statusCode());
            assertTrue(dead.body().contains("ERROR"), dead.body());
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
