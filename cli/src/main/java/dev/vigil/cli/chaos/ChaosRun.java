package dev.vigil.cli.chaos;

import dev.vigil.aggregator.AggregatorApp;
import dev.vigil.cli.demo.Drain;
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
import dev.vigil.kit.topics.Topic;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(90);

    private final Options options;
    private final PrintStream out;

    public ChaosRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public ChaosReport run() throws Exception {
        long started = System.currentTimeMillis();
        Path work = Files.createTempDirectory("vigil-chaos-");
        try (DevStack stack = DevStack.start(0, 0, work.resolve("registry"))) {
            ChaosFeed feed = ChaosFeed.generate(options.seed(), options.span());
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
                    compare(reference, faulty, Typed.FEATURES_BGP, ComparedRecords::featureEntry),
                    compare(reference, faulty, Typed.FEATURES_TELEMETRY, ComparedRecords::featureEntry),
                    compare(reference, faulty, Typed.SCORES, ComparedRecords::scoreEntry));
            Map<String, List<Long>> others = new TreeMap<>();
            for (String topic : List.of(Topics.ALERTS, Topics.DRIFT_REPORTS, Topics.LATE_RECORDS)) {
                others.put(topic, List.of(reference.count(reference.topics.name(topic)), faulty.count(faulty.topics.name(topic))));
            }
            for (String input : List.of(Topics.BGP_UPDATES, Topics.TELEMETRY_EVENTS, Topics.FEATURES_BGP, Topics.FEATURES_TELEMETRY,
                    Topics.SCORES)) {
                others.put(Topics.dlq(input), List.of(reference.count(Topics.dlq(reference.topics.name(input))),
                        faulty.count(Topics.dlq(faulty.topics.name(input)))));
            }
            return new ChaosReport(options, feed.records(), outputs, others, faults.kills, faults.recovered, faults.brokerRestarts,
                    faults.registryRestarts, List.copyOf(faults.recoveryMillis), undisturbed, withFaults,
                    (System.currentTimeMillis() - started) / 1000);
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    private static <T extends SpecificRecord> OutputComparison compare(Run reference, Run faulty, Topic<T> topic,
                                                                       Function<T, Map.Entry<String, String>> entry) {
        return OutputComparison.of(topic.defaultName(), reference.read(topic, entry), faulty.read(topic, entry));
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
        final Topics topics;

        Run(DevStack stack, String name, Path dir) throws Exception {
            this.stack = stack;
            this.name = name;
            this.dir = Files.createDirectories(dir);
            this.base = config(APPS.getFirst(), 0);
            this.topics = new Topics(base);
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

        void runUndisturbed(ChaosFeed feed) throws Exception {
            feed.send(base, Duration.ZERO);
            List<AppRunner> runners = new ArrayList<>();
            try {
                for (App app : APPS) {
                    runners.add(AppRunner.start(app.factory().get(), config(app, 0)));
                }
                try (Drain drain = new Drain(base.clientProperties())) {
                    awaitDrained(drain, feed.records());
                }
            } finally {
                runners.reversed().forEach(AppRunner::close);
            }
        }

        FaultSchedule runWithFaults(ChaosFeed feed) throws Exception {
            Map<String, Process[]> processes = new LinkedHashMap<>();
            FaultSchedule done = new FaultSchedule();
            try (Drain drain = new Drain(base.clientProperties())) {
                for (App app : APPS) {
                    Process[] instances = new Process[options.instances()];
                    for (int i = 0; i < instances.length; i++) {
                        instances[i] = start(app, i);
                    }
                    processes.put(app.name(), instances);
                }
                Thread sender = Thread.ofPlatform().name("chaos-feed").start(() -> feed.send(base, options.feedDuration()));
                injectFaults(processes, drain, done);
                sender.join();
                awaitDrained(drain, feed.records());
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
        private void injectFaults(Map<String, Process[]> processes, Drain drain, FaultSchedule done) throws Exception {
            Random random = new Random(options.seed());
            List<Fault> schedule = schedule(options.kills(), options.brokerRestarts(), options.registryRestarts());
            long begin = System.nanoTime();
            long feedNanos = options.feedDuration().toNanos();
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
                kill(APPS.get(done.kills % APPS.size()), random.nextInt(options.instances()), processes, drain, done);
            }
        }

        /** Kills one instance with SIGKILL, starts it again over its state, and times until its app recovers. */
        private void kill(App app, int instance, Map<String, Process[]> processes, Drain drain, FaultSchedule done) throws Exception {
            Map<TopicPartition, Long> before = drain.unfinished(groupOf(app), null);
            long killedAt = System.nanoTime();
            Process victim = processes.get(app.name())[instance];
            victim.destroyForcibly();
            victim.waitFor();
            processes.get(app.name())[instance] = start(app, instance);
            done.kills++;
            if (before.isEmpty()) {
                // nothing was waiting: no recovery to time; the comparison at the end still checks the outcome
                done.recovered++;
                out.printf("  killed %s #%d with no backlog%n", app.name(), instance);
                return;
            }
            long recovered = awaitProgress(drain, groupOf(app), before);
            if (recovered >= 0) {
                done.recovered++;
                done.recoveryMillis.add((recovered - killedAt) / 1_000_000);
            }
            out.printf("  killed %s #%d: %s%n", app.name(), instance,
                    recovered >= 0 ? String.format("every partition with a backlog committed again after %.1f s",
                            (recovered - killedAt) / 1e9) : "no progress seen");
        }

        /**
         * When every partition in {@code before} has committed past the offset it had then (System.nanoTime), or -1 if
         * not in time: the killed instance's partitions, too, are being processed again, by it or by another instance.
         */
        private long awaitProgress(Drain drain, String group, Map<TopicPartition, Long> before) throws Exception {
            long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, Long> now = drain.committed(group);
                if (before.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), 0L) > e.getValue())) {
                    return System.nanoTime();
                }
                Thread.sleep(100);
            }
            return -1;
        }

        private Process start(App app, int instance) throws Exception {
            return ChildProcessApp.start(app.main(), config(app, instance), dir.resolve(app.name() + "-" + instance + ".log"));
        }

        /** Until the aggregator has committed all the input and every group has committed all it reads. */
        private void awaitDrained(Drain drain, long inputRecords) throws Exception {
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            List<String> groups = APPS.stream().map(this::groupOf).toList();
            Set<String> inputs = Set.of(topics.name(Topics.BGP_UPDATES), topics.name(Topics.TELEMETRY_EVENTS));
            while (true) {
                long input = drain.committed(groupOf(APPS.getFirst())).entrySet().stream()
                        .filter(e -> inputs.contains(e.getKey().topic())).mapToLong(Map.Entry::getValue).sum();
                if (input >= inputRecords && drain.await(groups, Duration.ofSeconds(2))) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("run " + name + " did not finish within " + DRAIN_TIMEOUT + ": input committed "
                            + input + " of " + inputRecords + ", backlog " + drain.lag(groups));
                }
            }
        }

        <T extends SpecificRecord> List<Map.Entry<String, String>> read(Topic<T> topic, Function<T, Map.Entry<String, String>> entry) {
            String name = topics.name(topic);
            AvroDeserializer<T> avro = new AvroDeserializer<>(topic, RegistrySettings.from(base));
            List<Map.Entry<String, String>> out = new ArrayList<>();
            TopicReader.readToEnd(base.clientProperties(), name, r -> {
                if (r.value() != null) {
                    out.add(entry.apply(avro.deserialize(name, r.value())));
                }
            });
            return out;
        }

        /** Records on the topic (its name in this run). */
        long count(String name) {
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
