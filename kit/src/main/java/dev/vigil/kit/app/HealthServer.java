package dev.vigil.kit.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP endpoint of every app: {@code /metrics} in Prometheus text format, {@code /health/live} (200
 * unless the app cannot recover by itself: Kafka Streams in ERROR, a service loop dead or wedged) and
 * {@code /health/ready} (200 only when the app can do its work, e.g. Streams is RUNNING).
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    public HealthServer(String host, int port, PrometheusMeterRegistry registry, Supplier<Readiness> readiness) {
        this(host, port, registry, readiness, () -> new Readiness(true, "UP"));
    }

    public HealthServer(String host, int port, PrometheusMeterRegistry registry, Supplier<Readiness> readiness,
                        Supplier<Readiness> liveness) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the HTTP endpoint on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/health/live", ex -> answer(ex, liveness.get()));
        server.createContext("/health/ready", ex -> answer(ex, readiness.get()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Readiness r) throws IOException {
        reply(exchange, r.ready() ? 200 : 503, "application/json",
                "{\"status\":\"" + (r.ready() ? "UP" : "DOWN") + "\",\"state\":\"" + r.state() + "\"}");
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Whether the app is ready (or alive), and the state behind the answer. */
    public record Readiness(boolean ready, String state) {
    }
}
