package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.bench.datasets.UfamBgpFeatures;
import dev.vigil.bench.detectors.ScoringBenchmark;
import dev.vigil.bench.drift.DriftCheckBenchmark;
import dev.vigil.bench.models.ModelBenchmark;
import dev.vigil.bench.retrainer.RetrainBenchmark;
import dev.vigil.bench.sketches.DriftBenchmark;
import dev.vigil.cli.bench.BenchPage;
import dev.vigil.cli.bench.BenchPlots;
import dev.vigil.cli.bench.BgpLoeo;
import dev.vigil.cli.bench.BgpSuite;
import dev.vigil.cli.bench.DriftSuite;
import dev.vigil.cli.bench.NabSuite;
import dev.vigil.cli.bench.SyntheticSuite;
import dev.vigil.cli.bench.ThroughputReport;
import dev.vigil.cli.bench.ThroughputSuite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `vigil bench ...`: benchmarks that print a table and write, under vigil-bench/, their figures as JSON, their
 * plots as PNG files and a page showing both.
 */
@Command(name = "bench", description = "Benchmarks: each prints a table and writes vigil-bench/<name>.json, "
        + "vigil-bench/<name>-<plot>.png and vigil-bench/<name>.html (vigil-bench/index.html lists every run).",
        subcommands = {BenchCommand.Detect.class, BenchCommand.Drift.class, BenchCommand.Throughput.class, BenchCommand.Aggregate.class, BenchCommand.Score.class, BenchCommand.Retrain.class, BenchCommand.DriftCheck.class,
                BenchCommand.Models.class, BenchCommand.Demo.class, BenchCommand.Chaos.class})
final class BenchCommand {
    static final Path OUT = Path.of("vigil-bench");

    static void writeJson(String name, Object figures) throws IOException {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name + ".json");
        new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
        System.out.println("Figures written to " + file);
    }

    /** One bench run: what it prints goes to the console and is kept for its page. */
    static final class Run {
        private final String name;
        private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        /** Never closed: closing it would close System.out. */
        final PrintStream out = new PrintStream(new Tee(System.out, printed), true, StandardCharsets.UTF_8);

        Run(String name) {
            this.name = name;
        }

        /** Writes the JSON, the PNG plots and the run's page. */
        void publish(Object figures, List<BenchPlots.Plot> plots) throws IOException {
            writeJson(name, figures);
            out.flush();
            List<Path> pngs = BenchPage.write(OUT, name, printed.toString(StandardCharsets.UTF_8), plots);
            System.out.println("Plots written to " + OUT.resolve(name + ".html") + " and " + pngs.size() + " PNG files "
                    + OUT.resolve(name + "-*.png"));
        }
    }

    @Command(name = "detect", description = "Detection quality: NAB corpus with NAB's scoring, labelled BGP events "
            + "(train on some events, test on the others), or the synthetic telemetry suite.")
    static final class Detect implements Callable<Integer> {
        enum Suite { NAB, BGP, SYNTHETIC }

        @Option(names = "--suite", required = true, description = "nab, bgp or synthetic.")
        Suite suite;
        @Option(names = "--data", description = "Data folder (NAB corpus root, or a folder of labelled BGP feature files).")
        Path data;
        @Option(names = "--train-events", split = ",",
                description = "BGP: instead of leave-one-event-out, train on these events (file-name parts) and test on the others.")
        java.util.List<String> trainEvents;
        @Option(names = "--seed", defaultValue = "7")
        long seed;

        @Override
        public Integer call() throws Exception {
            Run run = new Run("detect-" + suite.name().toLowerCase(java.util.Locale.ROOT));
            switch (suite) {
                case NAB -> {
                    NabSuite.Report report = NabSuite.run(data != null ? data : NabSuite.defaultRoot(), run.out);
                    run.publish(report, BenchPlots.nab(report));
                }
                case BGP -> {
                    if (trainEvents != null && !trainEvents.isEmpty()) {
                        BgpSuite.Report report = BgpSuite.run(data != null ? data : UfamBgpFeatures.folder(), trainEvents, run.out,
                                OUT.resolve("detect-bgp-predictions.csv"));
                        run.publish(report, BenchPlots.bgp(report));
                    } else {
                        java.util.Map<String, Path> folders = new java.util.LinkedHashMap<>();
                        if (data != null) {
                            folders.put(data.getFileName().toString(), data);
                        } else {
                            folders.put("UFAM", UfamBgpFeatures.folder());
                            folders.put("SFU", UfamBgpFeatures.folder().resolveSibling("bgp_sfu_ripe_rrc04"));
                        }
                        BgpLoeo.Report report = BgpLoeo.run(folders, seed, run.out, OUT.resolve("detect-bgp-predictions.csv"));
                        run.publish(report, BenchPlots.bgpLoeo(report));
                    }
                }
                case SYNTHETIC -> {
                    SyntheticSuite.Report report = SyntheticSuite.run(seed, run.out);
                    run.publish(report, BenchPlots.synthetic(report));
                }
            }
            return 0;
        }
    }

    @Command(name = "drift", description = "The drift monitor on real data (stationary NAB, SFU and UFAM series with "
            + "and without injected shifts: false confirmations per model-day, detection delay), then a drifting stream "
            + "scored three ways: a frozen model, a retrain on a fixed schedule, and the drift-triggered loop.")
    static final class Drift implements Callable<Integer> {
        @Option(names = "--seed", defaultValue = "7")
        long seed;
        @Option(names = "--data", description = "Datasets folder (default: vigil.datasets, else ../shared/datasets).")
        Path data;

        /** Both parts' figures, as written to drift.json. */
        record Figures(dev.vigil.cli.bench.RealDriftSuite.Report realData, DriftSuite.Report loop) {
        }

        @Override
        public Integer call() throws Exception {
            Run run = new Run("drift");
            Path datasets = data != null ? data : dev.vigil.cli.bench.NabSuite.defaultRoot().getParent();
            dev.vigil.cli.bench.RealDriftSuite.Report real = dev.vigil.cli.bench.RealDriftSuite.run(datasets, run.out);
            run.out.println();
            DriftSuite.Report report = DriftSuite.run(seed, run.out);
            run.publish(new Figures(real, report), BenchPlots.drift(report));
            return 0;
        }
    }

    @Command(name = "demo", description = "The demo run headless once per seed (about 4 min each on 2 cores): incident "
            + "precision, injections alerted, time to the first alert, alerts before the first injection and false alerts "
            + "per domain-day, per seed, their mean and the worst seed. Seeds 1-3 are the tuning seeds.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--seeds", defaultValue = "4-8", description = "Seeds, e.g. 4-8 or 4,6 (default: ${DEFAULT-VALUE}).")
        String seeds;
        @Option(names = "--duration", defaultValue = "120s", converter = DurationConverter.class,
                description = "Wall-clock time of each feed (default: ${DEFAULT-VALUE}).")
        java.time.Duration duration;
        @Option(names = "--span", defaultValue = "48h", converter = DurationConverter.class,
                description = "Simulated time each feed covers (default: ${DEFAULT-VALUE}).")
        java.time.Duration span;

        @Override
        public Integer call() throws Exception {
            QuietLogs.apply();
            Run run = new Run("demo");
            dev.vigil.cli.demo.DemoSeeds.Report report = dev.vigil.cli.demo.DemoSeeds.run(
                    dev.vigil.cli.demo.DemoSeeds.parse(seeds), duration, span, OUT, Apps.ALL, run.out);
            run.publish(report, List.of());
            Map<String, Double> worst = report.worst();
            return worst.get("seeds_not_drained") > 0 ? 3 : worst.get("records_lost") > 0 || worst.get("records_duplicated") > 0 ? 2 : 0;
        }
    }

    @Command(name = "chaos", description = "The four Streams apps over the same replayed feed twice: once undisturbed, once as "
            + "several instances each in JVMs of their own while instances are killed (SIGKILL) and the broker and registry are restarted; "
            + "prints, per output topic, records expected and written, missing, duplicated and differing, and the recovery time "
            + "after a kill. Exit code 2 if any output differs.")
    static final class Chaos implements Callable<Integer> {
        @Option(names = "--instances", defaultValue = "2", description = "Instances of each app (default: ${DEFAULT-VALUE}).")
        int instances;
        @Option(names = "--kills-per-app", defaultValue = "20", description = "SIGKILLs per app (default: ${DEFAULT-VALUE}).")
        int killsPerApp;
        @Option(names = "--broker-restarts", defaultValue = "2", description = "Broker restarts (default: ${DEFAULT-VALUE}).")
        int brokerRestarts;
        @Option(names = "--registry-restarts", defaultValue = "2", description = "Registry restarts (default: ${DEFAULT-VALUE}).")
        int registryRestarts;
        @Option(names = "--standbys", defaultValue = "1", description = "Standby replicas per task (default: ${DEFAULT-VALUE}).")
        int standbys;
        @Option(names = "--span", defaultValue = "24h", converter = DurationConverter.class,
                description = "Simulated time of the replayed feed (default: ${DEFAULT-VALUE}).")
        java.time.Duration span;
        @Option(names = "--feed-duration", defaultValue = "15m", converter = DurationConverter.class,
                description = "Wall-clock time the feed of the run with faults takes; the faults are spread over it (default: ${DEFAULT-VALUE}).")
        java.time.Duration feedDuration;
        @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
        int partitions;
        @Option(names = "--seed", defaultValue = "7", description = "Seed of the feed and of which instance is killed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            QuietLogs.apply();
            Run run = new Run("chaos");
            var options = new dev.vigil.cli.chaos.ChaosRun.Options(instances, killsPerApp * dev.vigil.cli.chaos.ChaosRun.appCount(),
                    brokerRestarts, registryRestarts, standbys, span, feedDuration, partitions, seed);
            var report = new dev.vigil.cli.chaos.ChaosRun(options, run.out).run();
            report.print(run.out);
            run.publish(report, List.of());
            return report.passed() ? 0 : 2;
        }
    }

    @Command(name = "throughput", description = "Events per second through all five apps on a real broker next to the "
            + "broker's own rates, window-to-alert latency and heap.")
    static final class Throughput implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "100000")
        int events;
        @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
        int partitions;
        @Option(names = "--threads", defaultValue = "2", description = "Stream threads per app (default: ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() throws Exception {
            QuietLogs.apply();
            try (dev.vigil.devstack.DevStack stack = dev.vigil.devstack.DevStack.start()) {
                Run run = new Run("throughput");
                Map<String, String> settings = new java.util.HashMap<>(stack.settings());
                settings.put("vigil.topics.partitions", Integer.toString(partitions));
                settings.put("kafka.num.stream.threads", Integer.toString(threads));
                ThroughputReport report = ThroughputSuite.run(settings, events, run.out);
                run.publish(report, BenchPlots.throughput(report));
            }
            return 0;
        }
    }

    @Command(name = "aggregate", description = "BGP updates per second through the aggregator on a real broker, next to the "
            + "broker's own produce and consume rates in the same run, and the aggregator's heap.")
    static final class Aggregate implements Callable<Integer> {
        @Option(names = "--peers", defaultValue = "10")
        int peers;
        @Option(names = "--prefixes", defaultValue = "100000", description = "Prefixes per peer (default: ${DEFAULT-VALUE}).")
        int prefixes;
        @Option(names = "--updates", defaultValue = "2000000", description = "Updates: each peer's full table, then churn (default: ${DEFAULT-VALUE}).")
        long updates;
        @Option(names = "--threads", defaultValue = "2")
        int threads;
        @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
        int partitions;
        @Option(names = "--scale", description = "Then the same number of updates from 10, 100 and 1,000 peers sharing "
                + "one million prefixes in all, to show how cost grows with the peers and their state.")
        boolean scale;

        @Option(names = "--warmup", defaultValue = "1000000", description = "Updates of a first, unreported run in the same "
                + "JVM, so the figures are those of a running aggregator, not of one still compiling its code; 0 for a cold "
                + "start (default: ${DEFAULT-VALUE}).")
        long warmup;

        @Override
        public Integer call() throws Exception {
            try (dev.vigil.devstack.DevStack stack = dev.vigil.devstack.DevStack.start()) {
                if (warmup > 0) {
                    System.err.printf("warm-up run: %d updates%n", warmup);
                    dev.vigil.bench.aggregator.AggregatorBenchmark.run(stack.settings(),
                            new dev.vigil.bench.aggregator.AggregatorBenchmark.Options(peers, prefixes, warmup, partitions, threads));
                }
                var result = dev.vigil.bench.aggregator.AggregatorBenchmark.run(stack.settings(),
                        new dev.vigil.bench.aggregator.AggregatorBenchmark.Options(peers, prefixes, updates, partitions, threads));
                Run run = new Run("aggregate");
                run.out.println(warmup > 0 ? "After a warm-up run of " + warmup + " updates in the same JVM." : "Cold start.");
                result.print(run.out);
                if (scale) {
                    scale(stack, run.out);
                }
                run.publish(result, BenchPlots.aggregate(result));
            }
            return 0;
        }

        private void scale(dev.vigil.devstack.DevStack stack, java.io.PrintStream out) throws Exception {
            java.util.List<String> rows = new java.util.ArrayList<>();
            for (int scalePeers : new int[] {10, 100, 1000}) {
                var r = dev.vigil.bench.aggregator.AggregatorBenchmark.run(stack.settings(),
                        new dev.vigil.bench.aggregator.AggregatorBenchmark.Options(scalePeers, 1_000_000 / scalePeers, updates,
                                partitions, threads));
                rows.add(String.format("%8d %12d %14.0f %14.1f %14.1f", scalePeers, 1_000_000 / scalePeers, r.aggregateRate(),
                        r.cpuSecondsPerMillion(), r.stateBytesPerPrefix()));
            }
            out.printf("%n%d updates each, one million prefixes in all:%n", updates);
            out.printf("%8s %12s %14s %14s %14s%n", "peers", "prefixes", "updates/s", "CPU s per 1M", "state B/prefix");
            rows.forEach(out::println);
        }
    }

    @Command(name = "score", description = "Scoring throughput and p50/p99 latency per detector, and time from announcement to first score.")
    static final class Score implements Callable<Integer> {
        @Option(names = "--vectors", defaultValue = "200000")
        int vectors;
        @Option(names = "--features", defaultValue = "16")
        int features;

        @Override
        public Integer call() throws Exception {
            Run run = new Run("score");
            ScoringBenchmark.Result result = ScoringBenchmark.run(vectors, features, run.out);
            run.publish(result, BenchPlots.score(result));
            return 0;
        }
    }

    @Command(name = "retrain", description = "Training time per detector type on 10,000 and 100,000 rows of the labelled BGP set, "
            + "and the time from a retrain request to the announcement of all four detectors' versions on 10,000 rows: in "
            + "process with an in-memory registry, then through a retrainer on an embedded broker and registry.")
    static final class Retrain implements Callable<Integer> {
        /** Rows of the request-to-announcement runs, as README's figure and its target (< 30 s) have it. */
        static final int ANNOUNCEMENT_ROWS = 10_000;

        @Option(names = "--data", description = "Folder of UFAM BGP feature files (default: ../shared/datasets/bgp_ufam_multi_event).")
        Path data;
        @Option(names = "--without-broker", description = "Skip the request-to-announcement run on the embedded broker and registry.")
        boolean withoutBroker;

        /**
         * What retrain.json holds: the in-process figures and, unless skipped, the seconds from sending a request to
         * seeing every detector's version on {@code model.versions} of a real broker (NaN when skipped).
         */
        record Figures(RetrainBenchmark.Result inProcess, double requestToAnnouncementOnBrokerSeconds, int announcementRows) {
        }

        @Override
        public Integer call() throws Exception {
            QuietLogs.apply();
            Path folder = data != null ? data : UfamBgpFeatures.folder();
            Run run = new Run("retrain");
            RetrainBenchmark.Result result = RetrainBenchmark.run(folder, new int[] {10_000, 100_000}, run.out);
            double onBroker = withoutBroker ? Double.NaN : onBroker(folder, run.out);
            run.publish(new Figures(result, onBroker, ANNOUNCEMENT_ROWS), BenchPlots.retrain(result));
            return 0;
        }

        /** The same request through a retrainer app on a broker and registry started for this run (topics, registry, consumer). */
        private static double onBroker(Path folder, java.io.PrintStream out) throws Exception {
            try (dev.vigil.devstack.DevStack stack = dev.vigil.devstack.DevStack.start()) {
                return dev.vigil.bench.retrainer.KafkaRetrainBenchmark.run(stack.settings(), folder, ANNOUNCEMENT_ROWS, out);
            }
        }
    }

    @Command(name = "drift-check", description = "Cost of one drift check of 53 features and the size of a sketch.")
    static final class DriftCheck implements Callable<Integer> {
        @Option(names = "--checks", defaultValue = "200")
        int checks;

        @Override
        public Integer call() throws Exception {
            Run run = new Run("drift-check");
            DriftCheckBenchmark.Result check = DriftCheckBenchmark.run(checks);
            run.out.println(check);
            DriftBenchmark.Report sketches = DriftBenchmark.run();
            sketches.print(run.out);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("check", check);
            figures.put("sketches", sketches);
            run.publish(figures, BenchPlots.driftCheck(check, sketches));
            return 0;
        }
    }

    @Command(name = "models", description = "Training time and scoring speed of every detector type on synthetic data.")
    static final class Models implements Callable<Integer> {
        @Option(names = "--features", defaultValue = "53")
        int features;

        @Override
        public Integer call() throws Exception {
            ModelBenchmark.Report report = ModelBenchmark.run(features, new int[] {10_000, 100_000}, 50_000);
            Run run = new Run("models");
            run.out.print(report.toText());
            run.publish(report, BenchPlots.models(report));
            return 0;
        }
    }

    /** Writes to two streams: what a benchmark prints goes to the console and into its report. */
    static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        Tee(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
