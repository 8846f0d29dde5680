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
    @Option(names = "--drain-timeout", description = "How long to wait after the feed for the apps to process everything "
            + "(default: ${DEFAULT-VALUE}); if it passes, the demo says what is still unprocessed and exits with code 3.",
            defaultValue = "10m", converter = DurationConverter.class)
    Duration drainTimeout;
    @Option(names = "--report", description = "Report folder (default: ${DEFAULT-VALUE}).", defaultValue = "vigil-report")
    Path report;

    @Override
    public Integer call() throws Exception {
        QuietLogs.apply();
        DemoResult result = new DemoRun(new DemoRun.Options(duration, seed, !noDrift, span, report, drainTimeout), Apps.ALL,
                System.out).run();
        System.out.println("Report: " + report.resolve("index.html").toAbsolutePath());
        return exitCode(result.summary(), System.err);
    }

    /**
     * 0 when every record was processed once; 2 when records were lost or counted twice; 3 when the drain timeout
     * passed with records still being processed (loss is then not judged).
     */
    static int exitCode(java.util.Map<String, Object> summary, java.io.PrintStream err) {
        if (!(Boolean) summary.get("drained")) {
            err.printf("The apps were still processing %s records when the drain timeout passed; nothing is counted as lost. "
                    + "Run again with a longer --drain-timeout on a busy machine.%n", summary.get("records_still_processing"));
            return 3;
        }
        long lost = ((Number) summary.get("records_lost")).longValue();
        long duplicated = ((Number) summary.get("records_duplicated")).longValue();
        if (lost != 0 || duplicated != 0) {
            err.printf("Records lost: %d, counted twice: %d (see the reconciliation above).%n", lost, duplicated);
            return 2;
        }
        return 0;
    }
}
