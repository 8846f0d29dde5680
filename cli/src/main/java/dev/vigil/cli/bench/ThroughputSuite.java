package dev.vigil.cli.bench;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.cli.Apps;
import dev.vigil.cli.QuietLogs;
import dev.vigil.cli.bench.ThroughputMeasurement.HeapSampler;
import dev.vigil.cli.bench.ThroughputMeasurement.Outputs;
import dev.vigil.cli.bench.ThroughputReport.BrokerRates;
import dev.vigil.cli.bench.ThroughputReport.Heap;
import dev.vigil.cli.demo.Drain;
import dev.vigil.cli.demo.FeedProducer;
import dev.vigil.cli.demo.TopicRecorder;
import dev.vigil.devstack.DevStack;
import dev.vigil.devstack.Directories;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.app.VigilApp;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@code vigil bench throughput}: the demo's synthetic BGP updates and request events through all five apps,
 * started in this JVM on a real broker, as fast as the feed can send them.
 *
 * <ol>
 *   <li>Aggregator alone: the aggregator by itself over the same feed, on topics of its own; the end-to-end rate
 *   of the pipeline is compared with its rate.</li>
 *   <li>Broker alone: a plain producer sends as many records of the feed's average size to a topic of its
 *   own, and a plain consumer reads them back; these are the rates the apps' figure compares with.</li>
 *   <li>The five apps start one after another; the heap in use after a GC is read before and after each, so
 *   each app's start-up share of the one process heap is known (under load they share one heap and cannot
 *   be told apart in one JVM: the figure under load is the whole process's).</li>
 *   <li>Warm-up: a few simulated hours are fed so the retrainer bootstraps first models (isolation forest and
 *   rules, promoted directly) for the BGP-peer and service domains; the run waits for them.</li>
 *   <li>Measured: about {@code events} further events, generated beforehand, are sent unpaced; the clock stops
 *   when the Streams apps' consumer groups have committed everything. Events per second = events / that
 *   time. Latency: wall-clock arrival of a window's feature vector (the aggregator emits it when the window
 *   closes, visible once its transaction commits) to the first scored {@code DetectorScore} of that window,
 *   and to the alert that names that window as its last.</li>
 * </ol>
 *
 * <p>This class runs the phases; {@link ThroughputFeed} generates the input, {@link ThroughputMeasurement} takes the
 * figures and {@link ThroughputReport} holds and prints them.
 */
public final class ThroughputSuite {
    /** Simulated time fed before measuring, so the retrainer has enough windows for first models. */
    static final Duration WARM_UP = Duration.ofHours(4);
    static final List<String> STREAMS_GROUPS = Apps.streamsGroups();
    /**
     * Domains the retrainer bootstraps; per-origin BGP vectors stay unscored (passed on as UNSCORED), which
     * keeps the warm-up short.
     */
    static final List<String> BOOTSTRAPPED_DOMAINS = List.of("bgp-peer", "telemetry-service");
    static final Duration MODELS_SETTLED = Duration.ofSeconds(10);
    public static final int DEFAULT_EVENTS = 100_000;
    private static final long MB = ThroughputMeasurement.MB;

    private ThroughputSuite() {
    }

    /** Starts its own stack; argument: events to measure (default {@value #DEFAULT_EVENTS}). */
    public static void main(String[] args) throws Exception {
        QuietLogs.apply();
        try (DevStack stack = DevStack.start()) {
            run(stack.settings(), args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_EVENTS, System.out);
        }
    }

    /**
     * Runs the whole benchmark against a running stack.
     *
     * @param stackSettings the stack's client settings ({@code DevStack.settings()}); {@code vigil.*} keys given
     *                      here override the benchmark's own
     * @param events        input events of the measured phase (BGP updates and request events)
     */
    public static ThroughputReport run(Map<String, String> stackSettings, int events, PrintStream out) throws Exception {
        Path state = Files.createTempDirectory("vigil-bench-throughput-");
        try {
            return runWith(settings(stackSettings, state), events, out);
        } finally {
            Directories.deleteRecursively(state);
        }
    }

    static Map<String, String> settings(Map<String, String> stack, Path stateDir) {
        Map<String, String> s = new TreeMap<>();
        s.put("kafka.state.dir", stateDir.toString());
        s.put("vigil.http.port", "0");
        s.put("vigil.http.host", "127.0.0.1");
        s.put("kafka.commit.interval.ms", "1000");
        s.put("vigil.topics.partitions", "1");
        s.put("vigil.aggregator.bgp.window", "1m");
        s.put("vigil.aggregator.telemetry.window", "5m");
        // First models from the warm-up only: small sample minimum, direct promotion, no retrain while measuring.
        s.put("vigil.retrainer.min.samples", "300");
        s.put("vigil.retrainer.min.span", "0s");
        s.put("vigil.retrainer.promotion", "direct");
        // The bootstrap fires as soon as min.samples vectors exist, while the warm-up is still arriving; a first
        // version trained on those few hours can exceed 3 x the target alert rate on its holdout and would stay a
        // candidate (then the cooldown blocks a retry). Throughput needs models, not good ones: accept them.
        s.put("vigil.retrainer.promotion.max.alert.rate.factor", "50");
        s.put("vigil.retrainer.detectors", "isolation-forest,rules");
        s.put("vigil.retrainer.bootstrap.domains", String.join(",", BOOTSTRAPPED_DOMAINS));
        s.put("vigil.retrainer.check.interval", "2s");
        s.put("vigil.retrainer.training.clock", "data");
        s.put("vigil.retrainer.training.window", "7d");
        s.put("vigil.retrainer.cooldown", "1h");
        s.put("vigil.retrainer.label.requests", "0");
        s.put("vigil.drift.window", "1h");
        s.put("vigil.drift.cooldown", "6h");
        s.put("vigil.drift.min.window.count", "50");
        s.put("vigil.drift.min.baseline.count", "50");
        s.put("vigil.ensemble.wait", "10s");
        s.putAll(stack);
        return s;
    }

    private static ThroughputReport runWith(Map<String, String> settings, int events, PrintStream out) throws Exception {
        VigilConfig base = VigilConfig.of("bench", settings);
        Topics topics = new Topics(base);
        Properties client = base.clientProperties();
        RegistrySettings registry = RegistrySettings.from(base);

        // The measured feed is generated before anything runs, so generation is not part of any rate.
        ThroughputFeed feed = ThroughputFeed.generate(events);
        out.printf("Feed: %d BGP updates and %d request events to measure (%s simulated), after a %s warm-up%n",
                feed.measuredBgp(), feed.measuredTelemetry(), feed.measuredSpan(), WARM_UP);
        BrokerRates broker = ThroughputMeasurement.brokerRates(client, feed.measuredEvents(), feed.averageBytes(registry, topics));
        out.printf("Broker alone: produce %.0f records/s (%.1f MB/s), consume %.0f records/s (%.1f MB/s), %d records of %d bytes%n",
                broker.produceRecordsPerSecond(), broker.produceMegabytesPerSecond(), broker.consumeRecordsPerSecond(),
                broker.consumeMegabytesPerSecond(), broker.records(), broker.recordBytes());

        double aggregatorAlone = aggregatorAloneRate(settings, feed);
        out.printf("Aggregator alone: %.0f events/s%n", aggregatorAlone);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long beforeApps = ThroughputMeasurement.usedAfterGc(memory);
        Map<String, Long> startUp = new LinkedHashMap<>();
        List<AppRunner> runners = new ArrayList<>();
        try (TopicRecorder recorder = new TopicRecorder(client, registry, recorded(topics), List.of());
             FeedProducer producer = new FeedProducer(client, registry, topics)) {
            long used = beforeApps;
            for (var app : Apps.ALL.entrySet()) {
                runners.add(start(app.getKey(), app.getValue().get(), settings));
                long now = ThroughputMeasurement.usedAfterGc(memory);
                startUp.put(app.getKey(), (now - used) / MB);
                used = now;
            }
            out.println("Apps ready; heap in use after each start (MB): " + startUp);

            feed.sendWarmUp(producer);
            Map<String, Long> models = awaitModels(recorder, topics, Duration.ofSeconds(60));
            out.println("Production models after warm-up: " + models);
            awaitDrained(client, Duration.ofSeconds(60));

            HeapSampler sampler = new HeapSampler(memory);
            long measuredFrom = System.currentTimeMillis();
            long started = System.nanoTime();
            feed.sendMeasured(producer);
            double sendSeconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> caughtUp = new LinkedHashMap<>();
            boolean drained;
            try (Drain drain = new Drain(client)) {
                drained = drain.await(STREAMS_GROUPS, Duration.ofSeconds(120), started, caughtUp);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long peak = sampler.stop();
            if (!drained) {
                out.println("Warning: the apps had not consumed everything within 120 s; the rate is a lower bound");
            }
            // Windows closed by the last records arrive a little after the lag is gone.
            Thread.sleep(3_000);
            Heap heap = new Heap(beforeApps / MB, startUp, peak / MB, ThroughputMeasurement.usedAfterGc(memory) / MB,
                    memory.getHeapMemoryUsage().getMax() / MB,
                    "one JVM: per-app figures are each app's start-up share; peak and after are the whole process");
            Outputs outputs = ThroughputMeasurement.outputs(recorder, topics, measuredFrom);
            long measured = feed.measuredEvents();
            ThroughputReport report = new ThroughputReport(measured, feed.measuredBgp(), feed.measuredTelemetry(), seconds,
                    measured / seconds, sendSeconds, broker, outputs.featureVectors(), outputs.scores(),
                    outputs.unscoredScores(), outputs.alerts(), outputs.windowToScore(), outputs.windowToAlert(), models, heap,
                    setup(settings), caughtUp, aggregatorAlone);
            report.print(out);
            return report;
        } finally {
            runners.reversed().forEach(AppRunner::close);
        }
    }

    /**
     * The aggregator by itself, in this JVM before the pipeline starts, over the same warm-up then measured feed on
     * topics and a consumer group of its own: events of the measured feed per second until its group committed them.
     * The pipeline's end-to-end rate is compared with it.
     */
    private static double aggregatorAloneRate(Map<String, String> settings, ThroughputFeed feed) throws Exception {
        String run = "alone-" + System.currentTimeMillis();
        Map<String, String> alone = new TreeMap<>(settings);
        for (String topic : List.of(Topics.BGP_UPDATES, Topics.TELEMETRY_EVENTS, Topics.TELEMETRY_METRICS, Topics.FEATURES_BGP,
                Topics.FEATURES_TELEMETRY, Topics.LATE_RECORDS)) {
            alone.put("vigil.topic." + topic, run + "." + topic);
        }
        String group = "vigil-aggregator-" + run;
        alone.put("kafka.application.id", group);
        VigilConfig config = VigilConfig.of("bench", alone);
        try (AppRunner aggregator = start("aggregator", Apps.ALL.get("aggregator").get(), alone);
             FeedProducer producer = new FeedProducer(config.clientProperties(), RegistrySettings.from(config), new Topics(config));
             Drain drain = new Drain(config.clientProperties())) {
            feed.sendWarmUp(producer);
            drain.await(List.of(group), Duration.ofSeconds(120));
            long started = System.nanoTime();
            feed.sendMeasured(producer);
            if (!drain.await(List.of(group), Duration.ofSeconds(120))) {
                throw new IllegalStateException("the aggregator alone did not catch up within 120 s");
            }
            return feed.measuredEvents() / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static AppRunner start(String name, VigilApp app, Map<String, String> settings) throws InterruptedException {
        AppRunner runner = app.start(VigilConfig.of(name, new TreeMap<>(settings)));
        if (!runner.awaitReady(Duration.ofSeconds(90))) {
            runner.close();
            throw new IllegalStateException(name + " did not become ready within 90 s");
        }
        return runner;
    }

    private static Map<String, Class<? extends SpecificRecord>> recorded(Topics topics) {
        return TopicRecorder.valueTypes(topics, List.of(Typed.FEATURES_BGP, Typed.FEATURES_TELEMETRY, Typed.SCORES,
                Typed.ALERTS, Typed.MODEL_VERSIONS));
    }

    /**
     * Waits until every bootstrapped domain has a production version of both detectors, or has at least one
     * and nothing changed for {@link #MODELS_SETTLED} (a detector type whose first version failed validation
     * stays without a model); returns the counts.
     */
    private static Map<String, Long> awaitModels(TopicRecorder recorder, Topics topics, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        Map<String, Long> last = Map.of();
        long changedAt = System.currentTimeMillis();
        while (true) {
            Map<String, Long> production = productionModels(recorder, topics);
            long now = System.currentTimeMillis();
            if (!production.equals(last)) {
                last = production;
                changedAt = now;
            }
            boolean all = BOOTSTRAPPED_DOMAINS.stream().allMatch(d -> production.getOrDefault(d, 0L) >= 2);
            boolean settled = BOOTSTRAPPED_DOMAINS.stream().allMatch(d -> production.getOrDefault(d, 0L) >= 1)
                    && now - changedAt > MODELS_SETTLED.toMillis();
            if (all || settled || now > deadline) {
                return production;
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, Long> productionModels(TopicRecorder recorder, Topics topics) {
        Map<String, Set<String>> names = new TreeMap<>();
        for (ModelVersion v : recorder.<ModelVersion>records(topics.name(Topics.MODEL_VERSIONS))) {
            if (v.getStage() == ModelStage.PRODUCTION) {
                names.computeIfAbsent(v.getDomain(), d -> new TreeSet<>()).add(v.getName());
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        names.forEach((d, n) -> counts.put(d, (long) n.size()));
        return counts;
    }

    /** Polls until the Streams apps' groups have committed up to the end of every partition they read. */
    static boolean awaitDrained(Properties client, Duration timeout) throws InterruptedException {
        try (Drain drain = new Drain(client)) {
            return drain.await(STREAMS_GROUPS, timeout);
        }
    }

    private static String setup(Map<String, String> settings) {
        return String.format("%d partition(s) per topic, %s stream thread(s) per app, commit interval %s ms, exactly-once; "
                        + "%d available processors; bgp window %s, telemetry window %s",
                Integer.parseInt(settings.getOrDefault("vigil.topics.partitions", "1")), settings.getOrDefault("kafka.num.stream.threads", "1"),
                settings.get("kafka.commit.interval.ms"), Runtime.getRuntime().availableProcessors(),
                settings.get("vigil.aggregator.bgp.window"), settings.get("vigil.aggregator.telemetry.window"));
    }
}
