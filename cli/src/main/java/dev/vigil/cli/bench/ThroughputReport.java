package dev.vigil.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What {@code vigil bench throughput} measured ({@link ThroughputSuite} runs it, {@link ThroughputMeasurement} takes the
 * figures), and its table.
 */
public record ThroughputReport(long events, long bgpUpdates, long requestEvents, double seconds, double eventsPerSecond,
                               double feedSendSeconds, BrokerRates broker, long featureVectors, long scores,
                               long unscoredScores, long alerts, Latency windowToScore, Latency windowToAlert,
                               Map<String, Long> productionModels, Heap heap, String setup,
                               Map<String, Double> caughtUpSecondsByGroup, double aggregatorAloneEventsPerSecond) {

    /** A plain producer, then a plain consumer, on a topic of their own: records of the feed's average size. */
    public record BrokerRates(long records, int recordBytes, double produceRecordsPerSecond,
                              double produceMegabytesPerSecond, double consumeRecordsPerSecond,
                              double consumeMegabytesPerSecond) {
    }

    /** Percentiles of a wall-clock delay over the windows it was measured on. */
    public record Latency(long windows, double p50Millis, double p95Millis, double maxMillis) {
        static Latency of(List<Long> millis) {
            if (millis.isEmpty()) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Latency(sorted.length, sorted[(sorted.length - 1) / 2],
                    sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.95 * sorted.length) - 1)], sorted[sorted.length - 1]);
        }
    }

    /**
     * Heap figures of the one JVM the apps share.
     *
     * @param startUpMegabytesPerApp heap in use after a GC, increase over the start of each app, in start order
     * @param processUsedPeakMegabytes highest heap in use sampled during the measured phase (whole process)
     */
    public record Heap(long beforeAppsMegabytes, Map<String, Long> startUpMegabytesPerApp,
                       long processUsedPeakMegabytes, long processUsedAfterMegabytes, long maxMegabytes, String note) {
    }

    /** The end-to-end rate as a share of the aggregator's alone over the same feed in the same run. */
    public double endToEndShareOfAggregatorAlone() {
        return eventsPerSecond / aggregatorAloneEventsPerSecond;
    }

    /** The table: one line per measure. */
    public void print(PrintStream out) {
        out.printf("%-44s %s%n", "measure", "value");
        line(out, "events through all five apps", String.format("%,d (%,d BGP updates, %,d request events)", events, bgpUpdates, requestEvents));
        line(out, "end-to-end events per second", String.format("%,.0f/s (%.1f s until every group committed)", eventsPerSecond, seconds));
        caughtUpSecondsByGroup.forEach((group, s) -> line(out, "  stage " + group, Double.isNaN(s) ? "did not catch up"
                : String.format("%,.0f/s (caught up %.1f s after the feed started)", events / Math.max(s, feedSendSeconds), s)));
        line(out, "aggregator alone, same feed", String.format("%,.0f/s", aggregatorAloneEventsPerSecond));
        line(out, "end-to-end rate / aggregator alone", String.format("%.0f %%", 100 * endToEndShareOfAggregatorAlone()));
        line(out, "feed send rate (producer side)", String.format("%,.0f/s", events / feedSendSeconds));
        line(out, "broker alone: produce", String.format("%,.0f records/s, %.1f MB/s", broker.produceRecordsPerSecond(), broker.produceMegabytesPerSecond()));
        line(out, "broker alone: consume", String.format("%,.0f records/s, %.1f MB/s", broker.consumeRecordsPerSecond(), broker.consumeMegabytesPerSecond()));
        line(out, "feature vectors / scores / alerts", String.format("%,d / %,d (%,d unscored) / %,d", featureVectors, scores, unscoredScores, alerts));
        line(out, "window close -> score p50 / p95 / max", latency(windowToScore));
        line(out, "window close -> alert p50 / p95 / max", latency(windowToAlert));
        line(out, "production models (domain: count)", productionModels.toString());
        line(out, "heap before apps (process, after GC)", heap.beforeAppsMegabytes() + " MB");
        line(out, "heap per app at start-up (after GC)", heap.startUpMegabytesPerApp().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " MB").reduce((a, b) -> a + ", " + b).orElse("-"));
        line(out, "heap under load, whole process: peak", heap.processUsedPeakMegabytes() + " MB of " + heap.maxMegabytes() + " MB max");
        line(out, "heap after run, whole process (after GC)", heap.processUsedAfterMegabytes() + " MB");
        out.println("Setup: " + setup + ". Heap: " + heap.note() + ".");
    }

    private static String latency(Latency l) {
        return l.windows() == 0 ? "no windows matched"
                : String.format("%.0f / %.0f / %.0f ms (%d windows)", l.p50Millis(), l.p95Millis(), l.maxMillis(), l.windows());
    }

    private static void line(PrintStream out, String name, String value) {
        out.printf("%-44s %s%n", name, value);
    }
}
