package dev.vigil.kit.app;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.deadletter.DeadLetters;
import dev.vigil.kit.serde.RegistryOutage;
import dev.vigil.kit.topics.TopicAdmin;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one app: creates missing topics, opens the HTTP endpoint, starts the Streams topology (or service)
 * with a thread-replacing exception handler and a state listener, and closes everything on shutdown.
 */
public final class AppRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppRunner.class);

    private final String name;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreams streams;
    private final ServiceApp.Service service;
    private final HealthServer http;
    private final KafkaStreamsMetrics streamsMetrics;
    private final AppContext ctx;

    private AppRunner(String name, PrometheusMeterRegistry registry, KafkaStreams streams, ServiceApp.Service service,
                      HealthServer http, KafkaStreamsMetrics streamsMetrics, AppContext ctx) {
        this.name = name;
        this.registry = registry;
        this.streams = streams;
        this.service = service;
        this.http = http;
        this.streamsMetrics = streamsMetrics;
        this.ctx = ctx;
    }

    /** Starts a Streams app and returns once it is started (not necessarily RUNNING yet). */
    public static AppRunner start(StreamsApp app, VigilConfig config) {
        PrometheusMeterRegistry registry = newRegistry(app.name());
        Probes probes = new Probes();
        HealthServer http = openHttp(config, registry, probes);
        try {
            AppContext ctx = prepare(config, registry, probes);
            Topology topology = app.topology(ctx);
            LOG.info("Starting {}: {}", app.name(), topology.describe().toString().replace('\n', ' '));
            MetricHelp.registerAtZero(registry, MetricHelp.sourceTopics(topology, "vigil-" + app.name()), true);
            KafkaStreams streams = new KafkaStreams(topology, StreamsProperties.of(app.name(), config));
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("Stream thread of {} died; replacing it", app.name(), e);
                registry.counter("vigil.stream.thread.replacements").increment();
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.setStateListener((now, before) -> LOG.info("{} state {} -> {}", app.name(), before, now));
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            probes.serve(() -> new HealthServer.Readiness(streams.state() == KafkaStreams.State.RUNNING, streams.state().name()),
                    () -> liveness(streams.state()));
            streams.start();
            return new AppRunner(app.name(), registry, streams, null, http, streamsMetrics, ctx);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /** Starts a service app (not a Streams topology). */
    public static AppRunner start(ServiceApp app, VigilConfig config) {
        PrometheusMeterRegistry registry = newRegistry(app.name());
        Probes probes = new Probes();
        HealthServer http = openHttp(config, registry, probes);
        try {
            AppContext ctx = prepare(config, registry, probes);
            ServiceApp.Service service = app.startService(ctx);
            MetricHelp.registerAtZero(registry, app.sourceTopics(ctx), false);
            probes.serve(() -> new HealthServer.Readiness(service.ready(), service.ready() ? "RUNNING" : "NOT_READY"),
                    () -> new HealthServer.Readiness(service.live(), service.live() ? "ALIVE" : "WEDGED"));
            LOG.info("Started {}", app.name());
            return new AppRunner(app.name(), registry, null, service, http, null, ctx);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /**
     * The health answers while the app starts: live but not ready while it creates topics and waits for the
     * schema registry (a platform restarting it would not bring the registry back sooner), then the app's own.
     */
    private static final class Probes {
        private volatile Supplier<HealthServer.Readiness> readiness = () -> new HealthServer.Readiness(false, "STARTING");
        private volatile Supplier<HealthServer.Readiness> liveness = () -> new HealthServer.Readiness(true, "STARTING");

        void starting(String state) {
            readiness = () -> new HealthServer.Readiness(false, state);
        }

        void serve(Supplier<HealthServer.Readiness> readiness, Supplier<HealthServer.Readiness> liveness) {
            this.readiness = readiness;
            this.liveness = liveness;
        }
    }

    private static AppContext prepare(VigilConfig config, PrometheusMeterRegistry registry, Probes probes) {
        LOG.info("Configuration of {}: {}", config.appName(), config.describe());
        AppContext ctx = AppContext.create(config, registry);
        if (config.getBoolean("vigil.topics.create", true)) {
            TopicAdmin.ensure(config.clientProperties(), ctx.topics().forApp(config.appName()));
        }
        awaitRegistry(ctx, probes);
        return ctx;
    }

    /**
     * Waits for the schema registry before starting, with one clear line per attempt, and caches the
     * DeadLetter schema ids so dead letters can be written during a later outage.
     */
    private static void awaitRegistry(AppContext ctx, Probes probes) {
        long backoffMs = 1000;
        for (int attempt = 1; ; attempt++) {
            try {
                DeadLetters.warmUp(ctx.serdes().settings(), ctx.topics(), ctx.appName());
                return;
            } catch (RuntimeException e) {
                if (!RegistryOutage.isOutage(e)) {
                    throw e;
                }
                probes.starting("WAITING_FOR_SCHEMA_REGISTRY");
                LOG.warn("{} is waiting for the schema registry at {} (attempt {}, next in {} s): {}", ctx.appName(),
                        ctx.serdes().settings().url(), attempt, backoffMs / 1000, e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMs = Math.min(30_000, backoffMs * 2);
            }
        }
    }

    private static PrometheusMeterRegistry newRegistry(String app) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("app", app);
        MetricHelp.install(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // Counters recorded where no context is at hand (the dead-letter handlers) land here too.
        Metrics.addRegistry(registry);
        return registry;
    }

    /**
     * Kafka Streams in ERROR (or on its way there) never recovers by itself, e.g. after its global thread
     * died: liveness fails so the platform restarts the app. Every other state can still reach RUNNING.
     */
    static HealthServer.Readiness liveness(KafkaStreams.State state) {
        boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
        return new HealthServer.Readiness(live, state.name());
    }

    private static HealthServer openHttp(VigilConfig config, PrometheusMeterRegistry registry, Probes probes) {
        HealthServer http = new HealthServer(config.get("vigil.http.host", "0.0.0.0"), config.getInt("vigil.http.port", 8080),
                registry, () -> probes.readiness.get(), () -> probes.liveness.get());
        LOG.info("{} serves /metrics, /health/live and /health/ready on port {}", config.appName(), http.port());
        return http;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PrometheusMeterRegistry metrics() {
        return registry;
    }

    public int httpPort() {
        return http.port();
    }

    public boolean ready() {
        return streams != null ? streams.state() == KafkaStreams.State.RUNNING : service.ready();
    }

    /** Waits until the app is ready; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Override
    public void close() {
        LOG.info("Stopping {}", name);
        if (streams != null) {
            // Leaving the group lets a replacement instance take the tasks at once, not after the session timeout.
            streams.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streamsMetrics.close();
        }
        if (service != null) {
            service.close();
        }
        ctx.deadLetters().close();
        http.close();
        Metrics.removeRegistry(registry);
        registry.close();
    }

    /** Entry point for an app's main: {@code --config <file>} and {@code key=value} overrides; runs until stopped. */
    public static void main(VigilApp app, String[] args) {
        VigilConfig config = VigilConfig.load(app.name(), parseArgs(args));
        AppRunner runner = app.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            stopped.countDown();
        }, "vigil-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                out.put("vigil.config.file", args[++i]);
            } else if (args[i].contains("=")) {
                int eq = args[i].indexOf('=');
                out.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            } else {
                throw new IllegalArgumentException("Unknown argument '" + args[i] + "': use --config <file> or key=value");
            }
        }
        return out;
    }
}
