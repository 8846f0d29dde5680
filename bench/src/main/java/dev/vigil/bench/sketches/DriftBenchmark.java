package dev.vigil.bench.sketches;

import dev.vigil.sketches.DriftDecision;
import dev.vigil.sketches.DriftPolicy;
import dev.vigil.sketches.FeatureDrift;
import dev.vigil.sketches.PersistenceTracker;
import dev.vigil.sketches.Sketch;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Speed and size of the sketch library, for {@code vigil bench sketches} and {@link #main}. Data are
 * synthetic (normal, lognormal, exponential and count-like features) from a fixed seed.
 */
public final class DriftBenchmark {

    /** Features per check in the default benchmark: the largest feature vector Vigil computes. */
    public static final int DEFAULT_FEATURES = 53;

    private DriftBenchmark() {
    }

    /**
     * Cost of one drift check in milliseconds: wall-clock mean and p99, the mean CPU time of the checking
     * thread (what the check costs on a machine shared with other work), and the wall-clock mean including
     * decoding the window sketches from bytes.
     */
    public record CheckCost(int features, int iterations, double meanMillis, double p99Millis, double cpuMillis,
                            double meanMillisWithDecoding) {
    }

    /**
     * Size of one sketch: serialised bytes over many shapes and counts, retained heap of a sketch that is
     * accepting values (its digest's buffers), and of one decoded from bytes for comparison only.
     */
    public record SketchSize(int minBytes, double meanBytes, int maxBytes, long heapBytesWriting,
                             long heapBytesDecoded) {
    }

    /** Everything measured by {@link #run()}. */
    public record Report(CheckCost check, SketchSize size, double addsPerSecond, double storedUpdateMicros) {

        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "full drift check of %d features: mean %.3f ms wall (p99 %.3f ms), %.3f ms CPU,"
                            + " over %d checks (target < 10 ms); %.3f ms wall including decoding the windows%n",
                    check.features(), check.meanMillis(), check.p99Millis(), check.cpuMillis(), check.iterations(),
                    check.meanMillisWithDecoding());
            out.printf(Locale.ROOT, "serialised sketch: min %d, mean %.0f, max %d bytes (target < 2048)%n",
                    size.minBytes(), size.meanBytes(), size.maxBytes());
            out.printf(Locale.ROOT, "heap per sketch: about %d bytes while accepting values, %d bytes decoded%n",
                    size.heapBytesWriting(), size.heapBytesDecoded());
            out.printf(Locale.ROOT, "add throughput: %.1f million values per second%n", addsPerSecond / 1e6);
            out.printf(Locale.ROOT, "update of a stored sketch (fromBytes, add one value, toBytes): %.1f us%n",
                    storedUpdateMicros);
        }
    }

    /** Runs every measurement with default sizes. */
    public static Report run() {
        return new Report(checkCost(DEFAULT_FEATURES, 2000, 500), sketchSize(), addThroughput(5_000_000),
                storedUpdateMicros(20_000));
    }

    /**
     * Times full checks: for each feature, compare the window with its baseline and judge it, then decide over
     * all features and update the persistence tracker. Baselines are decoded once (as the drift monitor keeps
     * them per model version); windows are fresh sketches each check, since curves are cached per sketch.
     */
    public static CheckCost checkCost(int features, int windowSize, int iterations) {
        SplittableRandom random = new SplittableRandom(42);
        List<Sketch> baselines = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            baselines.add(Sketch.fromBytes(sketchOf(feature(random, f, 0), 20 * windowSize).toBytes()));
        }
        int pool = 20;
        List<List<byte[]>> windows = new ArrayList<>();
        for (int i = 0; i < pool; i++) {
            List<byte[]> check = new ArrayList<>();
            for (int f = 0; f < features; f++) {
                check.add(sketchOf(feature(random, f, i % 5 == 0 ? 0.3 : 0), windowSize).toBytes());
            }
            windows.add(check);
        }
        DriftPolicy policy = new DriftPolicy();
        PersistenceTracker tracker = new PersistenceTracker();
        for (int i = 0; i < iterations; i++) {
            runCheck(policy, tracker, baselines, decode(windows.get(i % pool)));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] millis = new double[iterations];
        double withDecoding = 0;
        long cpuNanos = 0;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            List<Sketch> decoded = decode(windows.get(i % pool));
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            runCheck(policy, tracker, baselines, decoded);
            long t2 = System.nanoTime();
            cpuNanos += threads.getCurrentThreadCpuTime() - cpu0;
            millis[i] = (t2 - t1) / 1e6;
            withDecoding += (t2 - t0) / 1e6;
        }
        Arrays.sort(millis);
        return new CheckCost(features, iterations, Arrays.stream(millis).average().orElse(0),
                millis[(int) Math.min(iterations - 1, Math.ceil(0.99 * iterations) - 1)],
                cpuNanos / 1e6 / iterations, withDecoding / iterations);
    }

    private static List<Sketch> decode(List<byte[]> encoded) {
        return encoded.stream().map(Sketch::fromBytes).toList();
    }

    private static DriftDecision runCheck(DriftPolicy policy, PersistenceTracker tracker, List<Sketch> baselines,
                                          List<Sketch> windows) {
        List<FeatureDrift> verdicts = new ArrayList<>(baselines.size());
        for (int f = 0; f < baselines.size(); f++) {
            verdicts.add(policy.assess("f" + f, baselines.get(f), windows.get(f)));
        }
        DriftDecision decision = policy.decide(verdicts);
        tracker.observe(decision);
        return decision;
    }

    /** Serialised size over four shapes and counts from 100 to 1,000,000, and heap per sketch. */
    public static SketchSize sketchSize() {
        SplittableRandom random = new SplittableRandom(7);
        int min = Integer.MAX_VALUE;
        int max = 0;
        long total = 0;
        int count = 0;
        for (int n : new int[] {100, 1_000, 10_000, 100_000, 1_000_000}) {
            for (int f = 0; f < 4; f++) {
                int bytes = sketchOf(feature(random, f, 0), n).toBytes().length;
                min = Math.min(min, bytes);
                max = Math.max(max, bytes);
                total += bytes;
                count++;
            }
        }
        return new SketchSize(min, (double) total / count, max, heapPerSketch(random, false),
                heapPerSketch(random, true));
    }

    /** Retained heap of filled sketches, from the used heap before and after holding 200 of them. */
    private static long heapPerSketch(SplittableRandom random, boolean decoded) {
        int n = 200;
        byte[][] encoded = new byte[n][];
        for (int i = 0; i < n && decoded; i++) {
            encoded[i] = sketchOf(feature(random, i, 0), 10_000).toBytes();
        }
        Runtime runtime = Runtime.getRuntime();
        long before = usedHeapAfterGc(runtime);
        List<Sketch> held = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Sketch sketch = decoded ? Sketch.fromBytes(encoded[i]) : sketchOf(feature(random, i, 0), 10_000);
            sketch.curve();
            held.add(sketch);
        }
        long after = usedHeapAfterGc(runtime);
        long perSketch = Math.max(0, (after - before) / n);
        return held.size() == n ? perSketch : -1;
    }

    /**
     * Microseconds to update a stored sketch by one value: what a Kafka Streams aggregate whose state holds
     * sketch bytes pays per record.
     */
    public static double storedUpdateMicros(int updates) {
        DoubleSupplier source = feature(new SplittableRandom(5), 0, 0);
        byte[] stored = sketchOf(source, 10_000).toBytes();
        for (int i = 0; i < updates; i++) {
            stored = update(stored, source.getAsDouble());
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < updates; i++) {
            stored = update(stored, source.getAsDouble());
        }
        return (System.nanoTime() - t0) / 1e3 / updates;
    }

    private static byte[] update(byte[] stored, double value) {
        Sketch sketch = Sketch.fromBytes(stored);
        sketch.add(value);
        return sketch.toBytes();
    }

    private static long usedHeapAfterGc(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Values added per second to one sketch. */
    public static double addThroughput(int values) {
        double[] data = new double[1 << 20];
        DoubleSupplier source = feature(new SplittableRandom(3), 1, 0);
        for (int i = 0; i < data.length; i++) {
            data[i] = source.getAsDouble();
        }
        Sketch warmup = new Sketch();
        for (double v : data) {
            warmup.add(v);
        }
        Sketch sketch = new Sketch();
        long t0 = System.nanoTime();
        for (int i = 0; i < values; i++) {
            sketch.add(data[i & (data.length - 1)]);
        }
        long elapsed = System.nanoTime() - t0;
        return sketch.count() * 1e9 / elapsed;
    }

    private static Sketch sketchOf(DoubleSupplier source, int n) {
        Sketch sketch = new Sketch();
        for (int i = 0; i < n; i++) {
            sketch.add(source.getAsDouble());
        }
        return sketch;
    }

    /** Feature shapes: normal, lognormal, exponential, small counts; {@code shift} in standard deviations. */
    private static DoubleSupplier feature(SplittableRandom random, int index, double shift) {
        return switch (index % 4) {
            case 0 -> () -> 100 + 15 * (gaussian(random) + shift);
            case 1 -> () -> Math.exp(2 + 0.5 * gaussian(random)) + 4.5 * shift;
            case 2 -> () -> -3 * Math.log(1 - random.nextDouble()) + 3 * shift;
            default -> () -> Math.max(0, Math.round(6 + 2.45 * (gaussian(random) + shift)));
        };
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    public static void main(String[] args) {
        System.out.println("Vigil sketch benchmark (t-digest compression " + Sketch.COMPRESSION + ")");
        run().print(System.out);
    }
}
