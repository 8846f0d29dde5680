package dev.vigil.bench.models;

import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.testing.SyntheticData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training time and single-thread scoring speed of every detector type on synthetic windows
 * ({@link SyntheticData}, 100 windows per entity, 2% anomalies). Run with
 * {@code java -Xmx2g -cp ... dev.vigil.bench.models.ModelBenchmark [features] [sizes...]}; the CLI calls
 * {@link #run}.
 */
public final class ModelBenchmark {
    /** Detector name used for all four scored one after the other. */
    public static final String ALL_FOUR = "all four";

    /** Wall-clock time to train one detector type. */
    public record TrainingTime(String algorithm, int samples, int features, Duration time, Duration processCpu) {
    }

    /** Single-thread scoring speed, with explanation, of one detector (or all four in turn). */
    public record ScoringStats(String detector, int vectors, double vectorsPerSecond, double vectorsPerCpuSecond,
                               double p50Micros, double p99Micros) {
    }

    /** Everything one run measured. */
    public record Report(List<TrainingTime> training, List<ScoringStats> scoring) {
        public String toText() {
            StringBuilder text = new StringBuilder("training time\n");
            for (TrainingTime t : training) {
                text.append(String.format(Locale.ROOT, "  %-17s %,8d x %d  %8.2f s  (process CPU %6.2f s)%n", t.algorithm(),
                        t.samples(), t.features(), t.time().toNanos() / 1e9, t.processCpu().toNanos() / 1e9));
            }
            text.append("scoring, one thread, with top features\n");
            for (ScoringStats s : scoring) {
                text.append(String.format(Locale.ROOT, "  %-17s %,10.0f vectors/s (%,10.0f per CPU-second)  p50 %7.1f us  p99 %7.1f us%n",
                        s.detector(), s.vectorsPerSecond(), s.vectorsPerCpuSecond(), s.p50Micros(), s.p99Micros()));
            }
            return text.toString();
        }
    }

    private ModelBenchmark() {
    }

    /** Synthetic training data: {@code samples} windows of {@code features} features in 100-window sequences. */
    public static TrainingSet data(int samples, int features, long seed) {
        return new SyntheticData(features, 1).generate(Math.max(1, samples / 100), 100, 0.02, seed);
    }

    /** Trains once and times it (wall clock and CPU of the whole process, since training is parallel). */
    public static TrainingTime trainingTime(String algorithm, TrainingSet data) {
        return timed(algorithm, data).time();
    }

    private record Timed(AnomalyModel model, TrainingTime time) {
    }

    private static Timed timed(String algorithm, TrainingSet data) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        AnomalyModel model = Trainers.train(algorithm, data, Map.of());
        long wall = System.nanoTime() - start;
        return new Timed(model, new TrainingTime(algorithm, data.size(), data.dimension(), Duration.ofNanos(wall),
                Duration.ofNanos(processCpuNanos() - cpuStart)));
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0L;
    }

    /**
     * Scores {@code vectors} windows of {@code data} (with their entity history) with each model alone
     * and with all models in turn, after a warm-up pass.
     */
    public static List<ScoringStats> scoring(Map<String, AnomalyModel> models, TrainingSet data, int vectors) {
        int n = Math.min(vectors, data.size());
        List<List<double[]>> histories = histories(data, n, models.values().stream().mapToInt(AnomalyModel::historyLength).max().orElse(0));
        List<ScoringStats> stats = new ArrayList<>();
        for (var entry : models.entrySet()) {
            stats.add(measure(entry.getKey(), List.of(entry.getValue()), data, histories, n));
        }
        stats.add(measure(ALL_FOUR, List.copyOf(models.values()), data, histories, n));
        return stats;
    }

    /** Trains every type at every size (timing each) and measures scoring with the largest models. */
    public static Report run(int features, int[] sizes, int scoringVectors) {
        List<TrainingTime> training = new ArrayList<>();
        Map<String, AnomalyModel> largest = new LinkedHashMap<>();
        TrainingSet warmUp = data(2000, features, 7);
        for (String algorithm : Algorithms.ALL) { // class loading and JIT, not part of any measurement
            Trainers.train(algorithm, warmUp, Map.of());
        }
        TrainingSet last = null;
        for (int size : sizes) {
            TrainingSet data = data(size, features, size);
            for (String algorithm : Algorithms.ALL) {
                Timed timed = timed(algorithm, data);
                training.add(timed.time());
                largest.put(algorithm, timed.model());
            }
            last = data;
        }
        TrainingSet unseen = data(Math.max(scoringVectors, 1000), features, 99);
        return new Report(training, last == null ? List.of() : scoring(largest, unseen, scoringVectors));
    }

    private static ScoringStats measure(String name, List<AnomalyModel> models, TrainingSet data,
                                        List<List<double[]>> histories, int n) {
        double sink = 0;
        for (int i = 0; i < n; i++) { // warm-up: let the JIT compile the scoring path
            for (AnomalyModel model : models) {
                sink += model.score(data.features()[i], histories.get(i)).score();
            }
        }
        long[] latencies = new long[n];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            for (AnomalyModel model : models) {
                sink += model.score(data.features()[i], histories.get(i)).score();
            }
            latencies[i] = System.nanoTime() - t0;
        }
        long total = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("a model produced NaN");
        }
        Arrays.sort(latencies);
        return new ScoringStats(name, n, n / (total / 1e9), cpu > 0 ? n / (cpu / 1e9) : Double.NaN,
                latencies[n / 2] / 1e3, latencies[(int) (n * 0.99)] / 1e3);
    }

    private static List<List<double[]>> histories(TrainingSet data, int n, int length) {
        List<List<double[]>> histories = new ArrayList<>(n);
        List<double[]> rows = Arrays.asList(data.features());
        for (int i = 0; i < n; i++) {
            int first = i;
            while (first > 0 && i - first < length && data.entities()[first - 1].equals(data.entities()[i])) {
                first--;
            }
            histories.add(List.copyOf(rows.subList(first, i)));
        }
        return histories;
    }

    public static void main(String[] args) {
        int features = args.length > 0 ? Integer.parseInt(args[0]) : 53;
        int[] sizes = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray() : new int[]{10_000, 100_000};
        System.out.printf("Vigil model benchmark: %d features, sizes %s, %d cores, max heap %d MB%n", features,
                Arrays.toString(sizes), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.print(run(features, sizes, 50_000).toText());
    }
}
