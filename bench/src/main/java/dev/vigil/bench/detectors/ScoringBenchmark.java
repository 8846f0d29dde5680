package dev.vigil.bench.detectors;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.avro.TrainingData;
import dev.vigil.detectors.AdaptiveScorer;
import dev.vigil.detectors.CanarySet;
import dev.vigil.detectors.DetectorMetrics;
import dev.vigil.detectors.EntityHistory;
import dev.vigil.detectors.ModelLoader;
import dev.vigil.detectors.ModelReloader;
import dev.vigil.detectors.ReloadListener;
import dev.vigil.detectors.ScoringListener;
import dev.vigil.detectors.ServingModel;
import dev.vigil.detectors.ServingModels;
import dev.vigil.detectors.VectorScorer;
import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.ModelCodec;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.adaptive.AdaptiveSettings;
import dev.vigil.models.testing.SyntheticData;
import dev.vigil.registry.ArtifactChunks;
import dev.vigil.registry.ModelKeys;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code vigil bench score}: the scoring path of one stream thread (history, every detector, score records;
 * no Kafka) on synthetic windows with all four detectors serving, and the time from a model announcement
 * reaching the reloader to the first score by the new version while another thread keeps scoring.
 * Broker delivery of the announcement (the global consumer's fetch) is not included: the integration
 * test measures it end to end on the embedded broker.
 */
public final class ScoringBenchmark {
    private static final String DOMAIN = "bench";
    /** The per-entity detector the app runs on telemetry domains, with its shipped defaults. */
    private static final AdaptiveScorer ADAPTIVE = new AdaptiveScorer(AdaptiveSettings.DEFAULTS);

    /** Latency percentiles in microseconds. */
    public record Latency(double p50, double p99, double max) {
        static Latency of(long[] nanos, int count) {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return new Latency(at(sorted, 0.50), at(sorted, 0.99), count == 0 ? 0 : sorted[count - 1] / 1e3);
        }

        private static double at(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
        }
    }

    public record Result(int vectors, int features, double vectorsPerSecond, double vectorsPerCpuSecond, Latency perVector,
                         Map<String, Latency> perDetector, List<Double> announcementToFirstScoreMillis) {
    }

    private ScoringBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int vectors = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        run(vectors, features, System.out);
    }

    public static Result run(int vectors, int features, PrintStream out) throws InterruptedException {
        SyntheticData data = new SyntheticData(features, 42);
        TrainingSet training = data.generate(50, 120, 0.03, 1);
        Map<String, byte[]> artifacts = new LinkedHashMap<>();
        for (String algorithm : Algorithms.ALL) {
            AnomalyModel model = Trainers.train(algorithm, training, Map.of("seed", "7"));
            artifacts.put(algorithm, ModelCodec.encode(model));
        }
        Map<String, long[]> nanos = new ConcurrentHashMap<>();
        int[] counts = new int[1];
        ModelReloader reloader = new ModelReloader(new ServingModels(), new CanarySet(64), new ModelLoader(Clock.systemUTC()),
                ReloadListener.NONE, Clock.systemUTC(), true);
        reloader.activate();
        artifacts.forEach((algorithm, bytes) -> announce(reloader, algorithm, 1, bytes, training.featureNames()));

        TrainingSet stream = data.generate(200, Math.max(1, vectors / 200), 0.01, 2);
        List<FeatureVector> input = toVectors(stream);
        int n = input.size();
        for (String algorithm : Algorithms.ALL) {
            nanos.put(algorithm, new long[n]);
        }
        nanos.put(AdaptiveScorer.DETECTOR, new long[n]);
        long[] perVector = new long[n];
        // The app's meters are updated as in the processor, so their cost is part of the measurement.
        DetectorMetrics meters = new DetectorMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        VectorScorer timed = new VectorScorer(new ScoringListener() {
            @Override
            public void scored(ServingModel model, boolean shadow, boolean anomalous, long took) {
                nanos.get(model.detector())[counts[0]] = took;
                meters.scored(model, shadow, anomalous, took);
            }

            @Override
            public void unscored(String domain, String detector, String reason) {
                meters.unscored(domain, detector, reason);
            }
        });
        scoreAll(input, reloader.serving(), timed, n / 5); // warm-up: let the JIT compile the scoring path
        Map<String, EntityHistory> histories = new java.util.HashMap<>();
        Map<String, byte[]> adaptiveStates = new java.util.HashMap<>();
        long[] adaptiveNanos = nanos.get(AdaptiveScorer.DETECTOR);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (counts[0] = 0; counts[0] < n; counts[0]++) {
            perVector[counts[0]] = scoreOne(input.get(counts[0]), reloader.serving(), timed, histories, adaptiveStates,
                    adaptiveNanos, counts[0]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        Map<String, Latency> perDetector = new LinkedHashMap<>();
        nanos.forEach((detector, times) -> perDetector.put(detector, Latency.of(times, n)));
        List<Double> swaps = announcementToFirstScore(reloader, artifacts.get(Algorithms.ISOLATION_FOREST), input,
                training.featureNames(), 5);
        Result result = new Result(n, features, n / seconds, n / cpuSeconds, Latency.of(perVector, n), perDetector, swaps);
        print(result, out);
        java.util.IntSummaryStatistics state = adaptiveStates.values().stream().mapToInt(b -> b.length).summaryStatistics();
        out.printf("adaptive state per entity (%d features, %d entities): mean %.0f bytes, max %d bytes (target <= 4096)%n",
                features, state.getCount(), state.getAverage(), state.getMax());
        artifacts.forEach((algorithm, bytes) -> out.printf("artifact %-17s %,10d bytes%n", algorithm, bytes.length));
        return result;
    }

    /**
     * Scores one vector as the stream processor does: history look-up, every serving model, history update, and the
     * entity's adaptive detector with its state decoded from and encoded to bytes, as in the state store.
     */
    private static long scoreOne(FeatureVector v, ServingModels serving, VectorScorer scorer, Map<String, EntityHistory> histories,
                                 Map<String, byte[]> adaptiveStates, long[] adaptiveNanos, int index) {
        long t0 = System.nanoTime();
        long windowStart = v.getWindowStart().toEpochMilli();
        EntityHistory past = histories.getOrDefault(v.getEntity(), EntityHistory.EMPTY);
        List<DetectorScore> scores = scorer.score(v, past.before(windowStart, v.getFeatureNames()),
                serving.slots(v.getDomain()), Instant.now());
        histories.put(v.getEntity(), past.append(windowStart, v.getFeatureNames(), VectorScorer.toArray(v.getValues()), 12));
        long a0 = System.nanoTime();
        AdaptiveScorer.Outcome outcome = ADAPTIVE.score(v, adaptiveStates.get(v.getEntity()), Instant.now());
        if (outcome.state() != null) {
            adaptiveStates.put(v.getEntity(), outcome.state().encode());
        }
        long done = System.nanoTime();
        adaptiveNanos[index] = done - a0;
        long took = done - t0;
        if (scores.isEmpty()) {
            throw new IllegalStateException("no score");
        }
        return took;
    }

    private static void scoreAll(List<FeatureVector> input, ServingModels serving, VectorScorer scorer, int limit) {
        Map<String, EntityHistory> histories = new java.util.HashMap<>();
        Map<String, byte[]> adaptiveStates = new java.util.HashMap<>();
        long[] ignored = new long[1];
        for (int i = 0; i < limit; i++) {
            scoreOne(input.get(i % input.size()), serving, scorer, histories, adaptiveStates, ignored, 0);
        }
    }

    /**
     * Announces new isolation-forest versions while a scoring thread runs flat out, and measures from the
     * announcement to the first score record naming the new version.
     */
    private static List<Double> announcementToFirstScore(ModelReloader reloader, byte[] artifact, List<FeatureVector> input,
                                                        List<String> featureNames, int rounds) throws InterruptedException {
        List<Double> millis = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            int version = round + 2;
            AtomicLong seen = new AtomicLong();
            VectorScorer scorer = new VectorScorer(ScoringListener.NONE);
            Thread scoring = new Thread(() -> {
                for (int i = 0; seen.get() == 0; i++) {
                    FeatureVector v = input.get(i % input.size());
                    for (DetectorScore s : scorer.score(v, List.of(), reloader.serving().slots(DOMAIN), Instant.now())) {
                        if (s.getModelVersion() != null && s.getModelVersion() == version) {
                            seen.compareAndSet(0, System.nanoTime());
                        }
                    }
                }
            }, "bench-scoring");
            scoring.start();
            Thread.sleep(50);
            long announced = System.nanoTime();
            announce(reloader, Algorithms.ISOLATION_FOREST, version, artifact, featureNames);
            scoring.join(10_000);
            millis.add(seen.get() == 0 ? Double.NaN : (seen.get() - announced) / 1e6);
        }
        return millis;
    }

    private static void announce(ModelReloader reloader, String algorithm, int version, byte[] bytes, List<String> names) {
        String name = ModelKeys.modelName(DOMAIN, algorithm);
        Instant now = Instant.now();
        ModelVersion record = ModelVersion.newBuilder().setName(name).setVersion(version).setDomain(DOMAIN)
                .setAlgorithm(algorithm).setStage(ModelStage.PRODUCTION)
                .setTrainingData(TrainingData.newBuilder().setTopic("bench").setFromTime(now).setToTime(now)
                        .setSampleCount(0).setLabelledCount(0).build())
                .setThreshold(0).setFeatureNames(names).setArtifactSha256(ArtifactChunks.sha256(bytes))
                .setArtifactSize(bytes.length).setArtifactChunks(1)
                .setStageHistory(List.of(new StageChange(ModelStage.PRODUCTION, now, "bench"))).setCreatedAt(now).build();
        ArtifactChunks.split(name, version, bytes, ArtifactChunks.DEFAULT_CHUNK_BYTES).forEach(reloader::onChunk);
        ModelVersion announced = ModelVersion.newBuilder(record)
                .setArtifactChunks(ArtifactChunks.split(name, version, bytes, ArtifactChunks.DEFAULT_CHUNK_BYTES).size()).build();
        reloader.onVersion(announced);
    }

    private static List<FeatureVector> toVectors(TrainingSet set) {
        List<FeatureVector> out = new ArrayList<>(set.size());
        Instant origin = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < set.size(); i++) {
            Instant start = origin.plusMillis(set.timestamps()[i]);
            out.add(FeatureVector.newBuilder().setEntity(set.entities()[i]).setDomain(DOMAIN).setWindowStart(start)
                    .setWindowEnd(start.plusSeconds(60)).setFeatureNames(set.featureNames())
                    .setValues(Arrays.stream(set.features()[i]).boxed().toList()).setEventCount(1).build());
        }
        return out;
    }

    private static void print(Result r, PrintStream out) {
        out.printf("Scoring benchmark: %,d vectors of %d features, all four detectors serving and the adaptive one, one thread%n", r.vectors(), r.features());
        out.printf("%-18s %12s %12s %12s%n", "detector", "p50 (us)", "p99 (us)", "max (us)");
        r.perDetector().forEach((d, l) -> out.printf("%-18s %12.1f %12.1f %12.1f%n", d, l.p50(), l.p99(), l.max()));
        Latency v = r.perVector();
        out.printf("%-18s %12.1f %12.1f %12.1f   (target p99 < 1000 us)%n", "all, per vector", v.p50(), v.p99(), v.max());
        out.printf("throughput: %,.0f vectors/s per thread wall clock, %,.0f per CPU-second of that thread (target >= 20,000)%n",
                r.vectorsPerSecond(), r.vectorsPerCpuSecond());
        out.printf("announcement to first score by the new version (ms, without broker delivery; target < 1000): %s%n",
                r.announcementToFirstScoreMillis().stream().map(m -> String.format("%.1f", m)).toList());
    }
}
