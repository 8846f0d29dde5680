package dev.vigil.cli.bench;

import java.io.PrintStream;

/** The throughput benchmark's table. */
final class ThroughputReport {
    private ThroughputReport() {
    }

    static void print(ThroughputSuite.Report r, PrintStream out) {
        out.printf("%-44s %s%n", "measure", "value");
        line(out, "events through all five apps", String.format("%,d (%,d BGP updates, %,d request events)", r.events(), r.bgpUpdates(), r.requestEvents()));
        line(out, "end-to-end events per second", String.format("%,.0f/s (%.1f s until every group committed)", r.eventsPerSecond(), r.seconds()));
        line(out, "feed send rate (producer side)", String.format("%,.0f/s", r.events() / r.feedSendSeconds()));
        line(out, "broker alone: produce", String.format("%,.0f records/s, %.1f MB/s", r.broker().produceRecordsPerSecond(), r.broker().produceMegabytesPerSecond()));
        line(out, "broker alone: consume", String.format("%,.0f records/s, %.1f MB/s", r.broker().consumeRecordsPerSecond(), r.broker().consumeMegabytesPerSecond()));
        line(out, "feature vectors / scores / alerts", String.format("%,d / %,d (%,d unscored) / %,d", r.featureVectors(), r.scores(), r.unscoredScores(), r.alerts()));
        line(out, "window close -> score p50 / p95 / max", latency(r.windowToScore()));
        line(out, "window close -> alert p50 / p95 / max", latency(r.windowToAlert()));
        line(out, "production models (domain: count)", r.productionModels().toString());
        line(out, "heap before apps (process, after GC)", r.heap().beforeAppsMegabytes() + " MB");
        line(out, "heap per app at start-up (after GC)", r.heap().startUpMegabytesPerApp().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " MB").reduce((a, b) -> a + ", " + b).orElse("-"));
        line(out, "heap under load, whole process: peak", r.heap().processUsedPeakMegabytes() + " MB of " + r.heap().maxMegabytes() + " MB max");
        line(out, "heap after run, whole process (after GC)", r.heap().processUsedAfterMegabytes() + " MB");
        out.println("Setup: " + r.setup() + ". Heap: " + r.heap().note() + ".");
    }

    private static String latency(ThroughputSuite.Latency l) {
        return l.windows() == 0 ? "no windows matched"
                : String.format("%.0f / %.0f / %.0f ms (%d windows)", l.p50Millis(), l.p95Millis(), l.maxMillis(), l.windows());
    }

    private static void line(PrintStream out, String name, String value) {
        out.printf("%-44s %s%n", name, value);
    }

}
