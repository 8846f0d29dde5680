package dev.vigil.cli;

import dev.vigil.cli.demo.DemoResult;
import dev.vigil.cli.demo.DemoRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `vigil demo`: the whole system on an embedded broker and registry, with a report at the end. */
@Command(name = "demo", description = "Run every app on an embedded broker and registry with a synthetic feed, "
        + "injected anomalies and a drift, then write vigil-report/index.html and summary.json.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", description = "Wall-clock time of the feed (default: ${DEFAULT-VALUE}).", defaultValue = "120s",
            converter = DurationConverter.class)
    Duration duration;
    @Option(names = "--span", description = "Simulated time the feed covers (default: ${DEFAULT-VALUE}).", defaultValue = "48h",
            converter = DurationConverter.class)
    Duration span;
    @Option(names = "--seed", description = "Seed of the scenario (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;
    @Option(names = "--no-drift", description = "Keep the normal regime stable for the whole run.")
    boolean noDrift;
    @Option(names = "--report", description = "Report folder (default: ${DEFAULT-VALUE}).", defaultValue = "vigil-report")
    Path report;

    @Override
    public Integer call() throws Exception {
        QuietLogs.apply();
        DemoResult result = new DemoRun(new DemoRun.Options(duration, seed, !noDrift, span, report), Apps.ALL, System.out).run();
        System.out.println("Report: " + report.resolve("index.html").toAbsolutePath());
        long lost = ((Number) result.summary().get("records_lost")).longValue();
        if (lost > 0) {
            System.err.println("Records lost: " + lost);
            return 2;
        }
        return 0;
    }
}
