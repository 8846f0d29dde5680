package dev.vigil.cli.demo;

import dev.vigil.avro.DriftReport;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.kit.topics.Topics;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/** A line every two seconds: events in, features, scores, alerts, drift and the serving model versions. */
final class LiveView {
    private static final DateTimeFormatter SIM = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private final PrintStream out;
    private final TopicRecorder recorder;
    private final FeedProducer feed;
    private final Topics topics;
    private final long started = System.currentTimeMillis();
    private long lastPrint;

    LiveView(PrintStream out, TopicRecorder recorder, FeedProducer feed, Topics topics) {
        this.out = out;
        this.recorder = recorder;
        this.feed = feed;
        this.topics = topics;
    }

    void maybePrint(Instant simulated) {
        long now = System.currentTimeMillis();
        if (now - lastPrint < 2_000) {
            return;
        }
        lastPrint = now;
        long confirmed = recorder.<DriftReport>records(topics.name(Topics.DRIFT_REPORTS)).stream().filter(DriftReport::getConfirmed).count();
        out.printf("%4ds sim %s | events %,d | features %,d | scores %,d | alerts %,d | drift %d (confirmed %d) | retrain %d | %s%n",
                (now - started) / 1000, simulated == null ? "closing" : SIM.format(simulated),
                feed.bgpSent() + feed.telemetrySent(),
                recorder.count(topics.name(Topics.FEATURES_BGP)) + recorder.count(topics.name(Topics.FEATURES_TELEMETRY)),
                recorder.count(topics.name(Topics.SCORES)), recorder.count(topics.name(Topics.ALERTS)),
                recorder.count(topics.name(Topics.DRIFT_REPORTS)), confirmed, recorder.count(topics.name(Topics.RETRAIN_REQUESTS)),
                serving());
    }

    /** The feed is over: how many records the apps have yet to process, every two seconds. */
    void printBacklog(long records) {
        long now = System.currentTimeMillis();
        if (now - lastPrint < 2_000) {
            return;
        }
        lastPrint = now;
        out.printf("%4ds feed done | apps still processing %s records%n", (now - started) / 1000,
                records == Long.MAX_VALUE ? "an unknown number of" : String.format("%,d", records));
    }

    private String serving() {
        Map<String, Integer> production = new TreeMap<>();
        for (ModelVersion v : recorder.<ModelVersion>records(topics.name(Topics.MODEL_VERSIONS))) {
            if (v.getStage() == ModelStage.PRODUCTION) {
                production.put(v.getName(), v.getVersion());
            }
        }
        StringBuilder s = new StringBuilder("models");
        production.forEach((name, version) -> s.append(' ').append(name.replace("telemetry-", "t-").replace("isolation-forest", "iforest"))
                .append(" v").append(version));
        return production.isEmpty() ? "models: none yet" : s.toString();
    }

    void printFinal(DemoResult result, Instant simulatedEnd) {
        out.println();
        out.println("Demo finished in " + result.wallTime().toSeconds() + " s (simulated up to " + SIM.format(simulatedEnd) + ")");
        result.summary().forEach((k, v) -> {
            if (!k.equals("reconciliation")) {
                out.printf("  %-28s %s%n", k, v);
            }
        });
        out.println("Reconciliation (by entity and window):");
        out.printf("  %-30s %-7s %10s %10s %6s %6s %8s %10s %10s%n", "stage", "unit", "in", "out", "late", "dlq", "missing",
                "duplicated", "in flight");
        for (Reconciliation.Stage s : result.reconciliation()) {
            out.printf("  %-30s %-7s %,10d %,10d %,6d %,6d %,8d %,10d %,10d%n", s.name(), s.unit(), s.in(), s.out(), s.late(),
                    s.deadLetters(), s.missing(), s.duplicated(), s.stillProcessing());
        }
    }
}
