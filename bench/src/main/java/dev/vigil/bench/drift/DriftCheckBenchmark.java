package dev.vigil.bench.drift;

import dev.vigil.drift.PolicySettings;
import dev.vigil.drift.check.CheckInput;
import dev.vigil.drift.check.DriftChecker;
import dev.vigil.drift.check.SketchPair;
import dev.vigil.drift.state.ModelState;
import dev.vigil.drift.state.WindowCounts;
import dev.vigil.sketches.Sketch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What {@code vigil bench drift-check} runs: the cost of one full drift check of a model with 53 features
 * (the BGP feature count) and of adding one vector to the window sketches, and the size of a serialised
 * sketch. Features mix normal, skewed, heavy-tailed and discrete shapes; windows hold 1,000 values and
 * baselines 50,000. Targets: a full check under 10 ms, a sketch under 2 KB.
 */
public final class DriftCheckBenchmark {
    public static final int FEATURES = 53;

    /**
     * @param features features per check
     * @param checks checks timed
     * @param millisPerCheck mean time of one full check (statistics, decision, report)
     * @param microsPerFeature the same per feature
     * @param microsPerVector mean time to add one vector to the window sketches and serialise them again,
     *     what the feature processor does per record besides store access
     * @param meanSketchBytes mean serialised size of the window and baseline sketches
     * @param maxSketchBytes largest serialised sketch
     * @param millisRollingBaseline time to build a 7-day rolling baseline of every feature from stored sketches
     *     (7 cached day blocks and up to 23 hourly windows, decoded and merged): what a check with
     *     {@code vigil.drift.reference=rolling} adds
     */
    public record Result(int features, int checks, double millisPerCheck, double microsPerFeature,
                         double microsPerVector, double meanSketchBytes, int maxSketchBytes,
                         double millisRollingBaseline) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "drift-check: %d features, %d checks: %.2f ms per check (%.1f us per feature); "
                            + "%.1f us to add one vector; sketch %.0f bytes on average, %d at most; "
                            + "%.1f ms to merge the 7-day rolling baselines of all features",
                    features, checks, millisPerCheck, microsPerFeature, microsPerVector, meanSketchBytes, maxSketchBytes,
                    millisRollingBaseline);
        }
    }

    private DriftCheckBenchmark() {
    }

    public static void main(String[] args) {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        System.out.println(run(checks));
    }

    public static Result run(int checks) {
        Random random = new Random(2024);
        List<Sketch> baselines = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            baselines.add(sample(random, f, 50_000, 0));
        }
        DriftChecker checker = new DriftChecker(PolicySettings.defaults(), Duration.ofHours(12));
        List<CheckInput> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(input(random, baselines, i % 2 == 0 ? 0 : 0.3));
        }
        for (int i = 0; i < Math.max(20, checks / 5); i++) {
            checker.check(inputs.get(i % inputs.size()), ModelState.initial("m", "d"), Instant.EPOCH);
        }
        long start = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            checker.check(inputs.get(i % inputs.size()), ModelState.initial("m", "d"), Instant.EPOCH);
        }
        double nanosPerCheck = (System.nanoTime() - start) / (double) checks;

        long bytes = 0;
        int max = 0;
        int count = 0;
        for (CheckInput in : inputs) {
            for (SketchPair p : in.features()) {
                for (Sketch s : List.of(p.window(), p.baseline())) {
                    int size = s.toBytes().length;
                    bytes += size;
                    max = Math.max(max, size);
                    count++;
                }
            }
        }
        return new Result(FEATURES, checks, nanosPerCheck / 1e6, nanosPerCheck / 1e3 / FEATURES,
                microsPerVector(random), (double) bytes / count, max, millisRollingBaseline(random));
    }

    /**
     * A 7-day rolling baseline of hourly windows for every feature, as the app builds it: 7 day blocks merged
     * once and kept as bytes, plus up to 23 hourly sketches at the ragged end, decoded and merged.
     */
    private static double millisRollingBaseline(Random random) {
        int pieces = 7 + 23;
        List<List<byte[]>> stored = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            List<byte[]> perFeature = new ArrayList<>();
            for (int p = 0; p < pieces; p++) {
                perFeature.add(sample(random, f, p < 7 ? 24 * 300 : 300, 0).toBytes());
            }
            stored.add(perFeature);
        }
        int rounds = 5;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (List<byte[]> perFeature : stored) {
                List<Sketch> parts = new ArrayList<>(pieces);
                perFeature.forEach(b -> parts.add(Sketch.fromBytes(b)));
                Sketch.mergeAll(parts).curve();
            }
        }
        return (System.nanoTime() - start) / 1e6 / rounds;
    }

    /** Adding a vector to 53 open window sketches and serialising each, as the feature processor does. */
    private static double microsPerVector(Random random) {
        List<Sketch> open = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            open.add(sample(random, f, 500, 0));
        }
        int vectors = 2_000;
        long start = System.nanoTime();
        for (int v = 0; v < vectors; v++) {
            for (int f = 0; f < FEATURES; f++) {
                Sketch s = open.get(f);
                s.add(value(random, f, 0));
                s.toBytes();
            }
        }
        return (System.nanoTime() - start) / 1e3 / vectors;
    }

    private static CheckInput input(Random random, List<Sketch> baselines, double shift) {
        List<SketchPair> pairs = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            pairs.add(new SketchPair("f" + f, sample(random, f, 1_000, shift), baselines.get(f), false));
        }
        return new CheckInput("bgp-peer.isolation-forest", "bgp-peer", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600),
                Optional.of(1), pairs, Optional.empty(), new WindowCounts(1_000, 12, 0, 0, 0, 0), WindowCounts.EMPTY,
                Optional.of(0.01), Map.of());
    }

    private static Sketch sample(Random random, int feature, int n, double shift) {
        Sketch s = new Sketch();
        for (int i = 0; i < n; i++) {
            s.add(value(random, feature, shift));
        }
        return s;
    }

    /** Four shapes in turn: normal, log-normal (skewed), Pareto-like (heavy tail), Poisson-like counts. */
    private static double value(Random random, int feature, double shift) {
        return switch (feature % 4) {
            case 0 -> random.nextGaussian() + shift;
            case 1 -> Math.exp(random.nextGaussian() * 0.8 + shift);
            case 2 -> Math.pow(1 - random.nextDouble(), -1 / 1.5) + shift;
            default -> poisson(random, 4 + 4 * shift);
        };
    }

    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
