package dev.vigil.cli.chaos;

import dev.vigil.aggregator.AggregatorApp;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.RequestEvent;
import dev.vigil.cli.demo.BgpGenerator;
import dev.vigil.cli.demo.DemoScenario;
import dev.vigil.cli.demo.Drain;
import dev.vigil.cli.demo.FeedProducer;
import dev.vigil.cli.demo.TelemetryGenerator;
import dev.vigil.detectors.DetectorsApp;
import dev.vigil.devstack.ChildProcessApp;
import dev.vigil.devstack.DevStack;
import dev.vigil.devstack.Directories;
import dev.vigil.drift.DriftMonitorApp;
import dev.vigil.ensemble.EnsembleApp;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.app.StreamsApp;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.AvroDeserializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.TopicAdmin;
import dev.vigil.kit.topics.TopicReader;
import dev.vigil.kit.topics.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The Streams apps twice over the same input on a real broker and registry: once as one undisturbed instance each, once
 * as several instances each in JVMs of their own while instances are killed with SIGKILL and restarted and the broker
 * is restarted. Both runs' outputs are then compared key by key and value by value.
 */
public final class ChaosRun {
    /**
     * @param instances instances of each Streams app in the run with faults
     * @param kills instances killed (SIGKILL) and restarted, spread over the feed, apps taken in turn
     * @param brokerRestarts broker restarts (controlled shutdown, same log directory), spread over the feed
     * @param registryRestarts registry restarts (SIGTERM, same database file), spread over the feed
     * @param standbys standby replicas of each task ({@code num.standby.replicas})
     * @param span simulated time of the replayed telemetry and BGP feed
     * @param feedDuration wall-clock time the feed of the run with faults takes
     * @param partitions partitions of every topic
     */
    public record Options(int instances, int kills, int brokerRestarts, int registryRestarts, int standbys, Duration span,
                          Duration feedDuration, int partitions, long seed) {
    }

    /** One fault of the schedule. */
    enum Fault { KILL, BROKER_RESTART, REGISTRY_RESTART }

    /** What the run with faults went through and how its outputs compare with the run without. */
    public record Report(Options options, long inputRecords, List<OutputComparison> outputs, Map<String, List<Long>> otherCounts,
                         int kills, int killsRecovered, int brokerRestarts, int registryRestarts, List<Long> recoveryMillis,
                         double undisturbedSeconds, double faultySeconds, long wallSeconds) {
        /** True when every compared output is identical and every kill was followed by processing again. */
        public boolean passed() {
            return outputs.stream().allMatch(OutputComparison::identical) && killsRecovered == kills;
        }

        public long recoveryP50() {
            return percentile(0.5);
        }

        public long recoveryMax() {
            return recoveryMillis.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        private long percentile(double q) {
            List<Long> sorted = recoveryMillis.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
        }
    }

    /** A Streams app: its name, its main class for a JVM of its own, and a factory for an in-process instance. */
    private record App(String name, Class<?> main, Supplier<StreamsApp> factory) {
    }

    private static final List<App> APPS = List.of(
            new App(AggregatorApp.NAME, dev.vigil.aggregator.Main.class, AggregatorApp::new),
            new App(DetectorsApp.NAME, dev.vigil.detectors.Main.class, DetectorsApp::new),
            new App(EnsembleApp.NAME, dev.vigil.ensemble.Main.class, EnsembleApp::new),
            new App(DriftMonitorApp.NAME, dev.vigil.drift.Main.class, DriftMonitorApp::new));

    /** How many Streams apps a run holds (kills are taken by each in turn). */
    public static int appCount() {
        return APPS.size();
    }

    /**
     * The aggregator's rare-AS counts live in memory and warm up again after a restart, by design (aggregator/README.md):
     * the only features a fault may change, so they and their relative forms are left out of the comparison.
     */
    private static final Set<String> RESTART_WARMED = Set.of("number_rare_ases", "rare_ases_max", "rare_ases_avg");
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(90);

    private final Options options;
    private final PrintStream out;

    public ChaosRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Report run() throws Exception {
        long started = System.currentTimeMillis();
        Path work = Files.createTempDirectory("vigil-chaos-");
        try (DevStack stack = DevStack.start(0, 0, work.resolve("registry"))) {
            Feed feed = Feed.generate(options.seed(), options.span());
            out.printf("Chaos: %,d input records (%s simulated), %d partitions, %d standby replicas; %d instances per app, %d kills, "
                    + "%d broker restarts, %d registry restarts%n", feed.records(), options.span(), options.partitions(), options.standbys(),
                    options.instances(), options.kills(), options.brokerRestarts(), options.registryRestarts());
            Run reference = new Run(stack, "steady", work.resolve("steady"));
            Run faulty = new Run(stack, "chaos", work.resolve("chaos"));
            reference.createTopics();
            faulty.createTopics();

            long t0 = System.nanoTime();
            reference.runUndisturbed(feed);
            double undisturbed = (System.nanoTime() - t0) / 1e9;
            out.println("Run without faults done");
            long t1 = System.nanoTime();
            FaultSchedule faults = faulty.runWithFaults(feed);
            double withFaults = (System.nanoTime() - t1) / 1e9;
            out.println("Run with faults done");

            List<OutputComparison> outputs = List.of(
                    compare(reference, faulty, Topics.FEATURES_BGP, ChaosRun::featureEntry, FeatureVector.class),
                    compare(reference, faulty, Topics.FEATURES_TELEMETRY, ChaosRun::featureEntry, FeatureVector.class),
                    compare(reference, faulty, Topics.SCORES, ChaosRun::scoreEntry, DetectorScore.class));
            Map<String, List<Long>> others = new TreeMap<>();
            for (String topic : List.of(Topics.ALERTS, Topics.DRIFT_REPORTS, Topics.LATE_RECORDS, Topics.dlq(Topics.BGP_UPDATES),
                    Topics.dlq(Topics.TELEMETRY_EVENTS), Topics.dlq(Topics.FEATURES_BGP), Topics.dlq(Topics.FEATURES_TELEMETRY),
                    Topics.dlq(Topics.SCORES))) {
                others.put(topic, List.of(reference.count(topic), faulty.count(topic)));
            }
            return new Report(options, feed.records(), outputs, others, faults.kills, faults.recovered, faults.brokerRestarts,
                    faults.registryRestarts, List.copyOf(faults.recoveryMillis), undisturbed, withFaults,
                    (System.currentTimeMillis() - started) / 1000);
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** Prints the report as a table: one line per compared topic, then the faults and the recovery times. */
    public static void print(Report r, PrintStream out) {
        out.printf("%-22s %10s %10s %8s %10s %9s %10s%n", "topic", "expected", "written", "missing", "duplicated", "differing",
                "unexpected");
        for (OutputComparison c : r.outputs()) {
            out.printf("%-22s %,10d %,10d %,8d %,10d %,9d %,10d%n", c.topic(), c.expected(), c.actual(), c.missing(), c.duplicated(),
                    c.differing(), c.unexpected());
            c.examples().forEach(e -> out.println("    " + e));
        }
        r.otherCounts().forEach((topic, counts) -> out.printf("%-22s %,10d %,10d   (counted, not compared)%n", topic, counts.get(0),
                counts.get(1)));
        out.printf("input records %,d; kills %d, processing again after %d; broker restarts %d, registry restarts %d; recovery "
                        + "after a kill p50 %.1f s, max %.1f s; %d s in all%n", r.inputRecords(), r.kills(), r.killsRecovered(),
                r.brokerRestarts(), r.registryRestarts(),
                r.recoveryP50() / 1000.0, r.recoveryMax() / 1000.0, r.wallSeconds());
        out.printf("until every group caught up: %.0f s without faults (the whole feed written first, then one instance of each app "
                        + "started in this JVM: %,.0f records/s including start-up), %.0f s with faults (instances started, then the "
                        + "feed paced over %s)%n", r.undisturbedSeconds(), r.inputRecords() / r.undisturbedSeconds(), r.faultySeconds(),
                r.options().feedDuration());
        out.println(r.passed() ? "PASS: nothing lost, nothing twice, no value differs" : "FAIL");
    }

    private static <T extends SpecificRecord> OutputComparison compare(Run reference, Run faulty, String topic,
                                                                       Function<T, Map.Entry<String, String>> entry, Class<T> type) {
        return OutputComparison.of(topic, reference.read(topic, type, entry), faulty.read(topic, type, entry));
    }

    private static Map.Entry<String, String> featureEntry(FeatureVector v) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < v.getFeatureNames().size(); i++) {
            String name = v.getFeatureNames().get(i);
            if (!RESTART_WARMED.contains(name.replaceFirst("\\.(ratio|z)$", ""))) {
                value.append(name).append('=').append(v.getValues().get(i)).append(' ');
            }
        }
        value.append("events=").append(v.getEventCount());
        return Map.entry(v.getDomain() + "|" + v.getEntity() + "|" + v.getWindowStart(), value.toString());
    }

    /** A score without its wall-clock scoring time, the one field two runs may not share. */
    private static Map.Entry<String, String> scoreEntry(DetectorScore s) {
        String key = s.getDomain() + "|" + s.getEntity() + "|" + s.getWindowStart() + "|" + s.getDetector() + (s.getShadow() ? "|shadow" : "");
        String value = s.getStatus() + " " + s.getModelName() + " v" + s.getModelVersion() + " raw=" + s.getRawScore() + " score="
                + s.getScore() + " threshold=" + s.getThreshold() + " anomalous=" + s.getAnomalous() + " events=" + s.getEventCount()
                + " top=" + s.getTopFeatures();
        return Map.entry(key, value);
    }

    /** The replayed input: the demo's generators without anomalies or drift, minute by minute, then a closing minute. */
    private record Feed(List<List<BgpUpdate>> bgp, List<List<RequestEvent>> telemetry, long records) {
        static Feed generate(long seed, Duration span) {
            DemoScenario scenario = DemoScenario.create(seed, span, false, Instant.now().minus(Duration.ofMinutes(30)));
            TelemetryGenerator telemetry = new TelemetryGenerator(scenario);
            BgpGenerator bgp = new BgpGenerator(scenario);
            List<List<BgpUpdate>> updates = new ArrayList<>();
            List<List<RequestEvent>> events = new ArrayList<>();
            Duration minute = Duration.ofMinutes(1);
            Instant t = scenario.start();
            for (long i = 0; i < span.toMinutes(); i++, t = t.plus(minute)) {
                updates.add(bgp.updates(t, minute));
                events.add(telemetry.events(t, minute));
            }
            // Records past the last window and its grace period, so every window of the span closes.
            Instant closer = t.plus(Duration.ofMinutes(20));
            updates.add(bgp.updates(closer, minute));
            events.add(telemetry.events(closer, minute));
            long records = updates.stream().mapToLong(List::size).sum() + events.stream().mapToLong(List::size).sum();
            return new Feed(updates, events, records);
        }

        int minutes() {
            return bgp.size();
        }
    }

    /** Kills and restarts as they happened. */
    private static final class FaultSchedule {
        int kills;
        int recovered;
        int brokerRestarts;
        int registryRestarts;
        final List<Long> recoveryMillis = new ArrayList<>();
    }

    /** One run: its own topics (named after the run), its own application ids and state directories. */
    private final class Run {
        private final DevStack stack;
        private final String name;
        private final Path dir;
        private final VigilConfig base;

        Run(DevStack stack, String name, Path dir) throws Exception {
            this.stack = stack;
            this.name = name;
            this.dir = Files.createDirectories(dir);
            this.base = config(APPS.getFirst(), 0);
        }

        VigilConfig config(App app, int instance) {
            Map<String, String> s = new TreeMap<>(stack.appSettings(dir.resolve(app.name() + "-" + instance)));
            s.put("kafka.application.id", groupOf(app));
            s.put("vigil.topics.partitions", Integer.toString(options.partitions()));
            for (String topic : Topics.DEFAULT_NAMES) {
                s.put("vigil.topic." + topic, name + "." + topic);
            }
            s.put("vigil.aggregator.bgp.window", "1m");
            s.put("vigil.aggregator.telemetry.window", "5m");
            // Two hours of five-minute windows before each service's adaptive detector scores, so its state matters.
            s.put("vigil.detectors.adaptive.learning.windows", "24");
            // A killed member is noticed after the session timeout; the broker's minimum keeps the stalls short.
            s.put("kafka.session.timeout.ms", "6000");
            s.put("kafka.heartbeat.interval.ms", "1500");
            s.put("kafka.num.standby.replicas", Integer.toString(options.standbys()));
            return VigilConfig.of(app.name(), s);
        }

        String groupOf(App app) {
            return "vigil-" + app.name() + "-" + name;
        }

        void createTopics() {
            for (App app : APPS) {
                TopicAdmin.ensure(base.clientProperties(), new Topics(config(app, 0)).forApp(app.name()));
            }
        }

        void runUndisturbed(Feed feed) throws Exception {
            send(feed, Duration.ZERO);
            List<AppRunner> runners = new ArrayList<>();
            try {
                for (App app : APPS) {
                    runners.add(AppRunner.start(app.factory().get(), config(app, 0)));
                }
                awaitDrained(feed.records());
            } finally {
                runners.reversed().forEach(AppRunner::close);
            }
        }

        FaultSchedule runWithFaults(Feed feed) throws Exception {
            Map<String, Process[]> processes = new LinkedHashMap<>();
            FaultSchedule done = new FaultSchedule();
            try (Admin admin = Admin.create(base.clientProperties())) {
                for (App app : APPS) {
                    Process[] instances = new Process[options.instances()];
                    for (int i = 0; i < instances.length; i++) {
                        instances[i] = start(app, i);
                    }
                    processes.put(app.name(), instances);
                }
                Thread sender = Thread.ofPlatform().name("chaos-feed").start(() -> send(feed, options.feedDuration()));
                injectFaults(processes, admin, done);
                sender.join();
                awaitDrained(feed.records());
            } finally {
                processes.values().forEach(ChaosRun::stop);
            }
            return done;
        }

        /**
         * Faults at even intervals over the middle 80 % of the feed, in turn: a kill of one instance of the next app
         * (which instance: seeded), and the broker restarts in between. After a kill the instance is started again at
         * once, over its state directory, and the fault waits until the app's group commits again.
         */
        private void injectFaults(Map<String, Process[]> processes, Admin admin, FaultSchedule done) throws Exception {
            Random random = new Random(options.seed());
            List<Fault> schedule = schedule(options.kills(), options.brokerRestarts(), options.registryRestarts());
            long begin = System.nanoTime();
            long feedNanos = options.feedDuration().toNanos();
            int kills = 0;
            for (int f = 0; f < schedule.size(); f++) {
                long due = begin + (long) (feedNanos * (0.1 + 0.8 * f / Math.max(1, schedule.size() - 1)));
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
                if (schedule.get(f) == Fault.BROKER_RESTART) {
                    out.println("  restarting the broker");
                    stack.kafka().restart();
                    done.brokerRestarts++;
                    continue;
                }
                if (schedule.get(f) == Fault.REGISTRY_RESTART) {
                    out.println("  restarting the registry");
                    stack.registry().restart();
                    done.registryRestarts++;
                    continue;
                }
                App app = APPS.get(kills % APPS.size());
                int instance = random.nextInt(options.instances());
                Map<TopicPartition, Long> before = behind(admin, groupOf(app));
                long killedAt = System.nanoTime();
                Process victim = processes.get(app.name())[instance];
                victim.destroyForcibly();
                victim.waitFor();
                processes.get(app.name())[instance] = start(app, instance);
                kills++;
                done.kills++;
                if (before.isEmpty()) {
                    // nothing was waiting: no recovery to time; the comparison at the end still checks the outcome
                    done.recovered++;
                    out.printf("  killed %s #%d with no backlog%n", app.name(), instance);
                    continue;
                }
                long recovered = awaitProgress(admin, groupOf(app), before);
                if (recovered >= 0) {
                    done.recovered++;
                    done.recoveryMillis.add((recovered - killedAt) / 1_000_000);
                }
                out.printf("  killed %s #%d: %s%n", app.name(), instance,
                        recovered >= 0 ? String.format("every partition with a backlog committed again after %.1f s",
                                (recovered - killedAt) / 1e9) : "no progress seen");
            }
        }

        /**
         * When every partition in {@code before} has committed past the offset it had then (System.nanoTime), or -1 if
         * not in time: the killed instance's partitions, too, are being processed again, by it or by another instance.
         */
        private long awaitProgress(Admin admin, String group, Map<TopicPartition, Long> before) throws Exception {
            long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> now = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                if (before.entrySet().stream().allMatch(e -> now.get(e.getKey()) != null && now.get(e.getKey()).offset() > e.getValue())) {
                    return System.nanoTime();
                }
                Thread.sleep(100);
            }
            return -1;
        }

        /** The group's committed offset of each partition it has not yet read to the end. */
        private Map<TopicPartition, Long> behind(Admin admin, String group) throws Exception {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> query = new java.util.HashMap<>();
            committed.keySet().forEach(tp -> query.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(query).all().get();
            Map<TopicPartition, Long> behind = new java.util.HashMap<>();
            committed.forEach((tp, offset) -> {
                long done = offset == null ? 0 : offset.offset();
                // a transaction marker takes an offset: a partition one or two short of its end is read to the end
                if (ends.get(tp).offset() - done > 2) {
                    behind.put(tp, done);
                }
            });
            return behind;
        }

        private Process start(App app, int instance) throws Exception {
            return ChildProcessApp.start(app.main(), config(app, instance), dir.resolve(app.name() + "-" + instance + ".log"));
        }

        /** Sends the feed over the given wall-clock time (all at once for zero). */
        private void send(Feed feed, Duration over) {
            try (FeedProducer producer = new FeedProducer(base.clientProperties(), RegistrySettings.from(base), new Topics(base))) {
                long perMinute = over.toNanos() / feed.minutes();
                long begin = System.nanoTime();
                for (int i = 0; i < feed.minutes(); i++) {
                    producer.sendBgp(feed.bgp().get(i));
                    producer.sendTelemetry(feed.telemetry().get(i));
                    long wait = begin + perMinute * (i + 1) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000);
                    }
                }
                producer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Until the aggregator has committed all the input and every group has committed all it reads. */
        private void awaitDrained(long inputRecords) throws Exception {
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            List<String> groups = APPS.stream().map(this::groupOf).toList();
            Topics topics = new Topics(base);
            try (Drain drain = new Drain(base.clientProperties())) {
                while (true) {
                    long input = ChildProcessApp.committed(base, groupOf(APPS.getFirst()), topics.name(Topics.BGP_UPDATES))
                            + ChildProcessApp.committed(base, groupOf(APPS.getFirst()), topics.name(Topics.TELEMETRY_EVENTS));
                    if (input >= inputRecords && drain.await(groups, Duration.ofSeconds(2))) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("run " + name + " did not finish within " + DRAIN_TIMEOUT + ": input committed "
                                + input + " of " + inputRecords + ", backlog " + drain.lag(groups));
                    }
                }
            }
        }

        <T extends SpecificRecord> List<Map.Entry<String, String>> read(String topic, Class<T> type, Function<T, Map.Entry<String, String>> entry) {
            String name = new Topics(base).name(topic);
            AvroDeserializer<T> avro = new AvroDeserializer<>(type, RegistrySettings.from(base));
            List<Map.Entry<String, String>> out = new ArrayList<>();
            TopicReader.readToEnd(base.clientProperties(), name, r -> {
                if (r.value() != null) {
                    out.add(entry.apply(avro.deserialize(name, r.value())));
                }
            });
            return out;
        }

        long count(String topic) {
            String name = topic.endsWith(Topics.DLQ_SUFFIX)
                    ? Topics.dlq(new Topics(base).name(topic.substring(0, topic.length() - Topics.DLQ_SUFFIX.length())))
                    : new Topics(base).name(topic);
            long[] n = {0};
            TopicReader.readToEnd(base.clientProperties(), name, r -> n[0]++);
            return n[0];
        }
    }

    /** The faults in order: broker restarts spread evenly between the kills, registry restarts between those. */
    static List<Fault> schedule(int kills, int brokerRestarts, int registryRestarts) {
        List<Fault> faults = new ArrayList<>(java.util.Collections.nCopies(kills, Fault.KILL));
        int size = faults.size();
        for (int j = brokerRestarts; j >= 1; j--) {
            faults.add((int) ((long) j * size / (brokerRestarts + 1)), Fault.BROKER_RESTART);
        }
        size = faults.size();
        for (int j = registryRestarts; j >= 1; j--) {
            faults.add((int) ((long) (2 * j - 1) * size / (2 * registryRestarts + 2)), Fault.REGISTRY_RESTART);
        }
        return faults;
    }

    private static void stop(Process[] instances) {
        for (Process p : instances) {
            if (p != null) {
                p.destroy();
            }
        }
        for (Process p : instances) {
            try {
                if (p != null && !p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
