package dev.vigil.cli.demo;

import java.util.function.Function;
import java.util.Optional;
import dev.vigil.cli.Apps;
import dev.vigil.avro.Alert;
import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.app.VigilApp;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.devstack.DevStack;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * The demo end to end: a real broker and registry, the five apps, a paced synthetic feed with injected
 * anomalies and a mid-run drift, a live view, then a report.
 */
public final class DemoRun {
    /**
     * What the demo is asked to do. {@code drainTimeout}: how long, after the feed, the demo waits for the apps to
     * process everything before it reports what is still unprocessed and gives up.
     */
    public record Options(Duration duration, long seed, boolean drift, Duration span, Path reportDir, Duration drainTimeout) {
        public Options(Duration duration, long seed, boolean drift, Duration span, Path reportDir) {
            this(duration, seed, drift, span, reportDir, DEFAULT_DRAIN_TIMEOUT);
        }
    }

    /** Long enough for a busy 2-core machine to catch up with the default feed; a stalled app still ends the demo. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(10);

    /** Consumer groups of the stages the demo reconciles, and the topics each reads. */
    private static final String AGGREGATOR_GROUP = Apps.group("aggregator");
    private static final String DETECTORS_GROUP = Apps.group("detectors");

    private final Options options;
    private final Map<String, Supplier<VigilApp>> apps;
    private final PrintStream out;

    public DemoRun(Options options, Map<String, Supplier<VigilApp>> apps, PrintStream out) {
        this.options = options;
        this.apps = apps;
        this.out = out;
    }

    /** Seconds from the end of the feed until every app had committed all it reads; NaN until then. */
    private double catchUpSeconds = Double.NaN;

    public DemoResult run() throws Exception {
        long started = System.currentTimeMillis();
        DemoScenario scenario = DemoScenario.create(options.seed(), options.span(), options.drift(), DemoScenario.anchoredEnd(Instant.now()));
        out.printf("Vigil demo: %s of simulated time in about %s, seed %d, drift %s%n", options.span(), options.duration(),
                options.seed(), options.drift() ? "at " + scenario.driftAt() : "off");
        Path state = Files.createTempDirectory("vigil-demo-state-");
        try (DevStack stack = DevStack.start()) {
            out.printf("Broker %s, registry %s%n", stack.bootstrapServers(), stack.registryUrl());
            Map<String, String> settings = DemoSettings.forStack(stack, state);
            VigilConfig base = VigilConfig.of("demo", settings);
            List<AppRunner> runners = startApps(settings);
            try (TopicRecorder recorder = new TopicRecorder(base.clientProperties(), RegistrySettings.from(base), recorded(base),
                         List.of(new Topics(base).name(Topics.LATE_RECORDS)));
                 FeedProducer feed = new FeedProducer(base.clientProperties(), RegistrySettings.from(base), new Topics(base))) {
                LiveView view = new LiveView(out, recorder, feed, new Topics(base));
                Instant simulatedEnd = feed(scenario, feed, view, recorder, new Topics(base).name(Topics.ALERTS));
                boolean drained = waitForQuiet(recorder, new Topics(base), view, base);
                DemoResult result = DemoResult.from(scenario, recorder, feed, new Topics(base), backlog(base, drained),
                        Duration.ofMillis(System.currentTimeMillis() - started));
                new DemoReport(options.reportDir()).write(result);
                view.printFinal(result, simulatedEnd);
                return result;
            } finally {
                runners.reversed().forEach(AppRunner::close);
            }
        } finally {
            dev.vigil.devstack.Directories.deleteRecursively(state);
        }
    }

    private List<AppRunner> startApps(Map<String, String> settings) throws InterruptedException {
        List<AppRunner> runners = startAll(apps, settings);
        out.println("All apps ready: " + String.join(", ", apps.keySet()));
        return runners;
    }

    /** Starts every app with the same settings, all at once, and waits until each is ready (90 s at most). */
    static List<AppRunner> startAll(Map<String, Supplier<VigilApp>> apps, Map<String, String> settings) throws InterruptedException {
        List<AppRunner> runners = new ArrayList<>();
        for (var entry : apps.entrySet()) {
            VigilConfig config = VigilConfig.of(entry.getKey(), new TreeMap<>(settings));
            runners.add(entry.getValue().get().start(config));
        }
        for (AppRunner runner : runners) {
            if (!runner.awaitReady(Duration.ofSeconds(90))) {
                throw new IllegalStateException("An app did not become ready within 90 s");
            }
        }
        return runners;
    }

    private Instant feed(DemoScenario scenario, FeedProducer feed, LiveView view, TopicRecorder recorder, String alertsTopic) throws InterruptedException {
        TelemetryGenerator telemetry = new TelemetryGenerator(scenario);
        BgpGenerator bgp = new BgpGenerator(scenario);
        FalseAlarmReview review = new FalseAlarmReview(scenario.injections());
        Duration step = Duration.ofMinutes(1);
        long steps = scenario.span().toMinutes();
        long wallPerStep = options.duration().toNanos() / steps;
        long begin = System.nanoTime();
        Instant t = scenario.start();
        for (long i = 0; i < steps; i++, t = t.plus(step)) {
            feed.sendTelemetry(telemetry.events(t, step));
            feed.sendBgp(bgp.updates(t, step));
            Instant stepEnd = t.plus(step);
            for (Injection inj : scenario.injections()) {
                Instant labelled = inj.end().plus(DemoSettings.LABEL_DELAY);
                if (!labelled.isBefore(t) && labelled.isBefore(stepEnd)) {
                    feed.sendLabels(inj, DemoSettings.windowOf(inj.domain()));
                }
            }
            review.due(recorder.<Alert>records(alertsTopic), stepEnd).forEach(feed::sendNormalLabel);
            view.maybePrint(t);
            long due = begin + wallPerStep * (i + 1);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            awaitPipeline(recorder, stepEnd, view);
        }
        // Records past the last window and its grace period, so every window of the span closes.
        Instant closer = t.plus(Duration.ofMinutes(20));
        feed.flush();
        feed.markClosing();
        feed.sendTelemetry(telemetry.events(closer, Duration.ofMinutes(1)));
        feed.sendBgp(bgp.updates(closer, Duration.ofMinutes(1)));
        feed.flush();
        return t;
    }

    /**
     * Holds the feed until the detectors have scored every evaluated domain to within {@link DemoSettings#MAX_LEAD} of
     * the feed's time (at most {@link DemoSettings#MAX_STALL} of wall time per step, so a stalled app cannot hang the demo).
     * Without it the feed ran hours of simulated time ahead of the apps: a drift's retrain, its shadow period and the
     * ensemble's wait, all in wall time, then landed long after the windows they were meant for.
     */
    private static void awaitPipeline(TopicRecorder recorder, Instant feedTime, LiveView view) throws InterruptedException {
        long giveUp = System.nanoTime() + DemoSettings.MAX_STALL.toNanos();
        while (System.nanoTime() < giveUp && appsBehind(recorder::newestScored, feedTime)) {
            view.maybePrint(feedTime);
            Thread.sleep(20);
        }
    }

    /**
     * Whether some evaluated domain's newest scored window ends more than {@link DemoSettings#MAX_LEAD} before the feed's
     * time. A domain not scored at all yet (no model before the first retrain) holds nothing up.
     */
    static boolean appsBehind(Function<String, Optional<Instant>> newestScored, Instant feedTime) {
        Instant needed = feedTime.minus(DemoSettings.MAX_LEAD);
        return DemoSettings.EVALUATED.stream().anyMatch(d -> newestScored.apply(d).map(end -> end.isBefore(needed)).orElse(false));
    }

    /**
     * Waits until every app has committed all it reads (the backlog shown as progress), then until the outputs stop
     * changing. False when the drain timeout passed first: some records were still being processed.
     */
    private boolean waitForQuiet(TopicRecorder recorder, Topics topics, LiveView view, VigilConfig base) throws InterruptedException {
        long feedEnded = System.currentTimeMillis();
        long deadline = feedEnded + options.drainTimeout().toMillis();
        List<String> groups = Apps.streamsGroups();
        boolean drained = false;
        try (Drain drain = new Drain(base.clientProperties())) {
            while (System.currentTimeMillis() < deadline && !(drained = drain.await(groups, Duration.ofSeconds(1)))) {
                view.printBacklog(drain.lag(groups));
            }
        }
        if (!drained) {
            return false;
        }
        catchUpSeconds = (System.currentTimeMillis() - feedEnded) / 1000.0;
        long last = -1;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long now = recorder.count(topics.name(Topics.SCORES)) + recorder.count(topics.name(Topics.ALERTS))
                    + recorder.count(topics.name(Topics.FEATURES_BGP)) + recorder.count(topics.name(Topics.FEATURES_TELEMETRY));
            if (now != last) {
                last = now;
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince > 6_000) {
                return true;
            }
            view.maybePrint(null);
            Thread.sleep(500);
        }
        return true;
    }

    /** What the reconciled stages had not yet committed of their inputs (zero for both once drained). */
    private DemoResult.Backlog backlog(VigilConfig base, boolean drained) throws InterruptedException {
        if (drained) {
            return new DemoResult.Backlog(true, 0, 0, catchUpSeconds);
        }
        Topics t = new Topics(base);
        try (Drain drain = new Drain(base.clientProperties())) {
            return new DemoResult.Backlog(false, drain.lag(AGGREGATOR_GROUP, List.of(t.name(Topics.BGP_UPDATES), t.name(Topics.TELEMETRY_EVENTS))),
                    drain.lag(DETECTORS_GROUP, List.of(t.name(Topics.FEATURES_BGP), t.name(Topics.FEATURES_TELEMETRY))), Double.NaN);
        }
    }

    private static Map<String, Class<? extends SpecificRecord>> recorded(VigilConfig config) {
        Topics t = new Topics(config);
        Map<String, Class<? extends SpecificRecord>> m = TopicRecorder.valueTypes(t, List.of(Typed.FEATURES_BGP,
                Typed.FEATURES_TELEMETRY, Typed.SCORES, Typed.ALERTS, Typed.DRIFT_REPORTS, Typed.RETRAIN_REQUESTS,
                Typed.MODEL_VERSIONS));
        for (String input : List.of(Topics.BGP_UPDATES, Topics.TELEMETRY_EVENTS, Topics.FEATURES_BGP, Topics.FEATURES_TELEMETRY, Topics.SCORES)) {
            m.put(Topics.dlq(t.name(input)), DeadLetter.class);
        }
        return m;
    }
}
