package dev.vigil.bench.ensemble;

import dev.vigil.avro.Severity;
import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.ab.LabelFeedback;
import dev.vigil.ensemble.ab.VariantSplit;
import dev.vigil.ensemble.fusion.Fusion;
import dev.vigil.ensemble.fusion.Severities;
import dev.vigil.ensemble.fusion.Weights;
import dev.vigil.ensemble.fusion.WindowAssembler;
import dev.vigil.ensemble.incident.AlertFactory;
import dev.vigil.ensemble.incident.CorrelationBuffer;
import dev.vigil.ensemble.incident.DomainEngine;
import dev.vigil.ensemble.incident.IgnoreList;
import dev.vigil.ensemble.incident.IncidentTracker;
import dev.vigil.ensemble.model.ActiveModels;
import dev.vigil.ensemble.model.Clocks;
import dev.vigil.ensemble.model.Deviation;
import dev.vigil.ensemble.model.ExpectedDetectors;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.ensemble.state.Journal;
import dev.vigil.ensemble.testing.MapBackend;
import dev.vigil.models.fusion.CombinationRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * CPU cost of the ensemble's two stages per record, without the broker: scores through the wait rule
 * ({@link WindowAssembler}) and released windows through fusion, correlation and incidents
 * ({@link DomainEngine}), both on in-memory journals (so the JSON state encoding is included, RocksDB and
 * Kafka are not). {@code vigil bench} can call {@link #run(int, int)}.
 */
public final class EnsembleBench {
    /** Scores and windows per second, and alerts raised. */
    public record Result(long scores, double scoresPerSecond, long windows, double windowsPerSecond, long alerts) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "wait rule: %,d scores at %,.0f scores/s; fusion+incidents: %,d windows at %,.0f windows/s; %d alerts",
                    scores, scoresPerSecond, windows, windowsPerSecond, alerts);
        }
    }

    private static final String DOMAIN = "bgp-peer";
    private static final List<String> DETECTORS = List.of("isolation-forest", "forecaster", "rules");

    private EnsembleBench() {
    }

    public static Result run(int entities, int windows) {
        Random random = new Random(42);
        var expected = new ExpectedDetectors(new ActiveModels(), Map.of(DOMAIN, Set.copyOf(DETECTORS)));
        WindowAssembler assembler = new WindowAssembler(new Journal(new MapBackend()), expected, Duration.ofSeconds(30),
                Duration.ofMinutes(10), Clocks.EVENT);
        DomainEngine engine = engine();
        long scores = 0;
        long released = 0;
        long alerts = 0;
        long assembleNanos = 0;
        long engineNanos = 0;
        for (int w = 0; w < windows; w++) {
            long start = w * 60_000L;
            for (int e = 0; e < entities; e++) {
                // About 1% of entity windows anomalous on every detector.
                double base = random.nextDouble() < 0.01 ? 0.9 : 0.2 * random.nextDouble();
                for (String detector : DETECTORS) {
                    Reading r = new Reading(detector, DOMAIN + "." + detector, 1, base, base >= 0.5, false,
                            List.of(new Deviation(detector + ".updates", base * 100, 10, base * 8)));
                    long t0 = System.nanoTime();
                    var result = assembler.add("peer:rrc04|AS" + (64500 + e) + "|192.0.2." + (e % 250), DOMAIN, start,
                            start + 60_000, r, 0);
                    assembleNanos += System.nanoTime() - t0;
                    scores++;
                    for (WindowScores ws : result.released()) {
                        long t1 = System.nanoTime();
                        alerts += engine.onWindow(ws, 0).alerts().size();
                        engineNanos += System.nanoTime() - t1;
                        released++;
                    }
                }
            }
        }
        return new Result(scores, scores / (assembleNanos / 1e9), released, released / (engineNanos / 1e9), alerts);
    }

    private static DomainEngine engine() {
        Journal journal = new Journal(new MapBackend());
        Severities severities = Severities.parse("0.5,0.7,0.85,0.95");
        EnsembleMetrics metrics = new EnsembleMetrics(new SimpleMeterRegistry());
        return new DomainEngine(journal, new Fusion(CombinationRule.WEIGHTED_MEAN, 0.5, new VariantSplit(0.5, "bench")),
                new Weights(Map.of(), true, 50, 10),
                new CorrelationBuffer(journal, Duration.ofSeconds(10), Duration.ofMinutes(10), Clocks.EVENT),
                new IncidentTracker(journal, new IncidentTracker.Settings(Duration.ofMinutes(5), Duration.ofMinutes(15),
                        Severity.CRITICAL, Clocks.EVENT), severities),
                new LabelFeedback(journal, Duration.ofMinutes(30), Duration.ofDays(7), 30, 0.05, metrics), new AlertFactory(severities),
                new DomainEngine.Settings(IgnoreList.parse(""), DOMAIN, 2, 10, Map.of(), Duration.ofMinutes(15), 5), metrics);
    }

    public static void main(String[] args) {
        int entities = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        run(entities, Math.min(windows, 5)); // warm-up
        System.out.println(run(entities, windows));
    }
}
