package dev.vigil.cli.bench;

import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Params;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import dev.vigil.sketches.DriftDecision;
import dev.vigil.sketches.DriftPolicy;
import dev.vigil.sketches.FeatureSketches;
import dev.vigil.sketches.Persistence;
import dev.vigil.sketches.PersistenceTracker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil bench drift}: a drifting {@link DriftStream} scored three ways with the same detector type.
 * <ul>
 *   <li>frozen: trained once on the first windows, never retrained;</li>
 *   <li>scheduled: retrained every {@code scheduleEvery} windows on the last {@code scheduleSpan} windows,
 *   whether or not anything changed;</li>
 *   <li>drift-triggered (Vigil's loop): each window's feature sketches are judged against the sketches of the
 *   model's training data with the sketches library's {@link DriftPolicy}; when {@link PersistenceTracker}
 *   confirms drift the model is retrained on the drifting windows and their sketches become the baseline.</li>
 * </ul>
 * Every window is scored by the model in force when it arrives; retraining happens after a window is scored
 * and takes effect from the next one. Training uses the windows' labels (the operators' labels in Vigil), so
 * unsupervised detectors learn "normal" from the rows not labelled anomalous, the same for all three.
 *
 * <p>Reported: the detection delay of the drift (windows from the first shifted window to the confirmation,
 * both counted), confirmations before the shift (false alarms of the drift check), false-positive rate and F1
 * before and after the shift, how many windows after the shift the false-positive rate keeps exceeding
 * {@link #SETTLED_FPR}, and F1 per block of windows.
 */
public final class DriftSuite {
    /** A window's false-positive rate below which a strategy counts as adapted to the new regime. */
    public static final double SETTLED_FPR = 0.05;

    /**
     * Shape of the run.
     *
     * @param windows        windows in the stream
     * @param windowSize     vectors per window (the drift policy judges a window from 200 values up)
     * @param shiftWindow    first window of the new regime
     * @param rampWindows    windows over which the regime moves to its new level
     * @param anomalyRate    share of injected anomalies
     * @param trainWindows   windows the first model of every strategy is trained on
     * @param scheduleEvery  the scheduled strategy retrains after every so many windows
     * @param scheduleSpan   ... on the last so many windows
     * @param blockWindows   windows per block of the F1-over-time table
     * @param algorithm      detector type, one of {@link Algorithms#ALL} that trains without history
     */
    public record Options(int windows, int windowSize, int shiftWindow, int rampWindows, double anomalyRate,
                          int trainWindows, int scheduleEvery, int scheduleSpan, int blockWindows, String algorithm) {
        public Options {
            if (trainWindows >= shiftWindow || shiftWindow >= windows) {
                throw new IllegalArgumentException("need trainWindows < shiftWindow < windows");
            }
            if (scheduleEvery < 1 || scheduleSpan < 1 || blockWindows < 1 || windowSize < 1) {
                throw new IllegalArgumentException("schedule, block and window sizes must be positive");
            }
        }

        public static Options defaults() {
            return new Options(60, 250, 30, 4, 0.03, 8, 10, 8, 5, Algorithms.ISOLATION_FOREST);
        }
    }

    /**
     * Figures of one strategy.
     *
     * @param detectionDelayWindows windows from the first shifted window to the first confirmation at or
     *                              after it, both counted; null when the strategy does not detect drift or
     *                              never confirmed it
     * @param windowsUntilSettled   windows from the first shifted window until the false-positive rate stays
     *                              below {@link #SETTLED_FPR}; null when it never settles
     */
    public record StrategyFigures(String strategy, int retrains, List<Integer> retrainedAfterWindows,
                                  Integer detectionDelayWindows, int confirmationsBeforeShift,
                                  Confusion before, Confusion after, double falsePositiveRateBefore,
                                  double falsePositiveRateAfter, double f1Before, double f1After,
                                  double recallAfter, Integer windowsUntilSettled, List<Double> f1PerBlock,
                                  List<Double> falsePositiveRatePerBlock, double trainSeconds,
                                  double falsePositiveRateAfterRetrain) {
    }

    public record Report(long seed, Options options, double targetFalsePositiveRate, List<String> blocks,
                         List<StrategyFigures> strategies) {
    }

    private DriftSuite() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Long.parseLong(args[0]) : 7, System.out);
    }

    public static Report run(long seed, PrintStream out) {
        return run(seed, Options.defaults(), out);
    }

    public static Report run(long seed, Options options, PrintStream out) {
        DriftStream stream = new DriftStream(seed, options.windowSize(), options.shiftWindow(), options.rampWindows(),
                options.anomalyRate());
        List<DriftStream.Window> windows = stream.windows(0, options.windows());
        Map<String, String> params = Map.of(Params.SEED, Long.toString(seed));
        List<Strategy> strategies = List.of(new Frozen(), new Scheduled(options), new DriftTriggered());
        List<DriftStream.Window> initial = windows.subList(0, options.trainWindows());
        for (Strategy s : strategies) {
            s.trainer = rows -> trainTimed(s, options.algorithm(), rows, params);
            s.start(initial);
        }
        for (DriftStream.Window w : windows.subList(options.trainWindows(), windows.size())) {
            for (Strategy s : strategies) {
                s.perWindow.add(score(s.model, w));
                s.afterWindow(w, windows);
            }
        }
        List<StrategyFigures> figures = strategies.stream().map(s -> s.figures(options)).toList();
        Report report = new Report(seed, options, strategies.get(0).model.targetFalsePositiveRate(), blockNames(options),
                figures);
        print(report, out);
        return report;
    }

    private static AnomalyModel trainTimed(Strategy s, String algorithm, List<DriftStream.Window> rows,
                                           Map<String, String> params) {
        long started = System.nanoTime();
        AnomalyModel model = Trainers.train(algorithm, trainingSet(rows), params);
        s.trainNanos += System.nanoTime() - started;
        return model;
    }

    static TrainingSet trainingSet(List<DriftStream.Window> windows) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (DriftStream.Window w : windows) {
            for (int i = 0; i < w.vectors().length; i++) {
                rows.add(w.vectors()[i]);
                labels.add(w.anomalous()[i] ? TrainingSet.ANOMALY : TrainingSet.NORMAL);
            }
        }
        return TrainingSet.labelled(rows.toArray(double[][]::new), DriftStream.featureNames(),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Confusion score(AnomalyModel model, DriftStream.Window w) {
        boolean[] flagged = new boolean[w.vectors().length];
        for (int i = 0; i < flagged.length; i++) {
            flagged[i] = model.score(w.vectors()[i], List.of()).anomalous();
        }
        return Confusion.of(flagged, w.anomalous());
    }

    /** One way of keeping a model up to date; records its per-window confusion counts. */
    private abstract static class Strategy {
        final String name;
        final List<Confusion> perWindow = new ArrayList<>();
        final List<Integer> retrainedAfter = new ArrayList<>();
        final List<Integer> confirmations = new ArrayList<>();
        java.util.function.Function<List<DriftStream.Window>, AnomalyModel> trainer;
        AnomalyModel model;
        long trainNanos;

        Strategy(String name) {
            this.name = name;
        }

        void start(List<DriftStream.Window> initial) {
            model = trainer.apply(initial);
        }

        abstract void afterWindow(DriftStream.Window w, List<DriftStream.Window> all);

        void retrain(List<DriftStream.Window> rows, int afterWindow) {
            model = trainer.apply(rows);
            retrainedAfter.add(afterWindow);
        }

        StrategyFigures figures(Options o) {
            int first = o.trainWindows();
            Confusion before = sum(o, first, o.shiftWindow());
            Confusion after = sum(o, o.shiftWindow(), o.windows());
            Integer delay = confirmations.stream().filter(c -> c >= o.shiftWindow()).findFirst()
                    .map(c -> c - o.shiftWindow() + 1).orElse(null);
            int falseConfirmations = (int) confirmations.stream().filter(c -> c < o.shiftWindow()).count();
            List<Double> f1 = new ArrayList<>();
            List<Double> fpr = new ArrayList<>();
            for (int b = first; b < o.windows(); b += o.blockWindows()) {
                Confusion block = sum(o, b, Math.min(o.windows(), b + o.blockWindows()));
                f1.add(block.f1());
                fpr.add(block.falsePositiveRate());
            }
            return new StrategyFigures(name, retrainedAfter.size(), List.copyOf(retrainedAfter),
                    this instanceof DriftTriggered ? delay : null, falseConfirmations, before, after,
                    before.falsePositiveRate(), after.falsePositiveRate(), before.f1(), after.f1(), after.recall(),
                    windowsUntilSettled(o), f1, fpr, trainNanos / 1e9, afterRetrain(o).falsePositiveRate());
        }

        /** Counts of the post-shift windows scored by a model retrained at or after the shift (none: empty). */
        private Confusion afterRetrain(Options o) {
            return retrainedAfter.stream().filter(w -> w >= o.shiftWindow()).findFirst()
                    .map(w -> sum(o, w + 1, o.windows())).orElse(new Confusion(0, 0, 0, 0));
        }

        /** Windows from the shift to the first window after which every window stays under SETTLED_FPR. */
        private Integer windowsUntilSettled(Options o) {
            int lastHigh = o.shiftWindow() - 1;
            for (int w = o.shiftWindow(); w < o.windows(); w++) {
                if (window(w, o).falsePositiveRate() >= SETTLED_FPR) {
                    lastHigh = w;
                }
            }
            return lastHigh == o.windows() - 1 ? null : lastHigh - o.shiftWindow() + 1;
        }

        private Confusion window(int w, Options o) {
            return perWindow.get(w - o.trainWindows());
        }

        /** Counts over windows [from, to); the first scored window is the one after the training windows. */
        private Confusion sum(Options o, int from, int to) {
            Confusion total = new Confusion(0, 0, 0, 0);
            for (int w = from; w < to; w++) {
                total = total.plus(window(w, o));
            }
            return total;
        }
    }

    private static final class Frozen extends Strategy {
        Frozen() {
            super("frozen");
        }

        @Override
        void afterWindow(DriftStream.Window w, List<DriftStream.Window> all) {
        }
    }

    private static final class Scheduled extends Strategy {
        private final Options options;

        Scheduled(Options options) {
            super("scheduled (every " + options.scheduleEvery() + " windows, last " + options.scheduleSpan() + ")");
            this.options = options;
        }

        @Override
        void afterWindow(DriftStream.Window w, List<DriftStream.Window> all) {
            int seen = w.index() + 1 - options.trainWindows();
            if (seen % options.scheduleEvery() == 0) {
                int end = w.index() + 1;
                retrain(all.subList(Math.max(0, end - options.scheduleSpan()), end), w.index());
            }
        }
    }

    /**
     * Vigil's loop: the drift monitor's check (feature sketches of the window against the training data's,
     * judged by the default {@link DriftPolicy}, confirmed by a default {@link PersistenceTracker}: two
     * consecutive windows at MEDIUM) and the retrainer's response (train on the windows of the confirmed run,
     * which are the new regime, and take their sketches as the new baseline).
     */
    private static final class DriftTriggered extends Strategy {
        private final DriftPolicy policy = new DriftPolicy();
        private final PersistenceTracker tracker = new PersistenceTracker();
        private FeatureSketches baseline;

        DriftTriggered() {
            super("drift-triggered");
        }

        @Override
        void start(List<DriftStream.Window> initial) {
            super.start(initial);
            baseline = sketches(initial);
        }

        @Override
        void afterWindow(DriftStream.Window w, List<DriftStream.Window> all) {
            FeatureSketches window = sketches(List.of(w));
            DriftDecision decision = policy.decide(baseline.assess(policy, window));
            Persistence persistence = tracker.observe(decision);
            if (persistence.confirmed()) {
                confirmations.add(w.index());
                int end = w.index() + 1;
                List<DriftStream.Window> run = all.subList(end - persistence.consecutiveWindows(), end);
                retrain(run, w.index());
                baseline = sketches(run);
                tracker.reset();
            }
        }

        private static FeatureSketches sketches(List<DriftStream.Window> windows) {
            FeatureSketches s = new FeatureSketches(DriftStream.featureNames());
            windows.forEach(w -> Arrays.stream(w.vectors()).forEach(s::add));
            return s;
        }
    }

    private static List<String> blockNames(Options o) {
        List<String> names = new ArrayList<>();
        for (int b = o.trainWindows(); b < o.windows(); b += o.blockWindows()) {
            int end = Math.min(o.windows(), b + o.blockWindows()) - 1;
            String mark = b >= o.shiftWindow() ? " (shifted)" : end >= o.shiftWindow() ? " (shift starts)" : "";
            names.add(b + "-" + end + mark);
        }
        return names;
    }

    static void print(Report r, PrintStream out) {
        Options o = r.options();
        out.printf("Drift replay (seed %d, %s): %d windows of %d vectors, %.0f%% anomalies; first %d windows train;"
                        + " regime shifts from window %d over %d windows; target false-positive rate %.1f%%%n",
                r.seed(), o.algorithm(), o.windows(), o.windowSize(), 100 * o.anomalyRate(), o.trainWindows(),
                o.shiftWindow(), o.rampWindows(), 100 * r.targetFalsePositiveRate());
        StringBuilder header = new StringBuilder(String.format("%-34s", ""));
        r.strategies().forEach(s -> header.append(String.format(" %18s", shortName(s.strategy()))));
        out.println(header);
        row(out, r, "drift detection delay (windows)", s -> s.detectionDelayWindows() == null ? "-" : s.detectionDelayWindows().toString());
        row(out, r, "drift confirmations before shift", s -> s.strategy().equals("drift-triggered") ? Integer.toString(s.confirmationsBeforeShift()) : "-");
        row(out, r, "retrains", s -> Integer.toString(s.retrains()));
        row(out, r, "false-positive rate before shift", s -> pct(s.falsePositiveRateBefore()));
        row(out, r, "false-positive rate after shift", s -> pct(s.falsePositiveRateAfter()));
        row(out, r, "FPR after the post-drift retrain", s -> Double.isNaN(s.falsePositiveRateAfterRetrain()) ? "-"
                : pct(s.falsePositiveRateAfterRetrain()));
        row(out, r, "  ... / FPR before shift", s -> Double.isNaN(s.falsePositiveRateAfterRetrain()) ? "-"
                : String.format("%.2fx", s.falsePositiveRateAfterRetrain() / s.falsePositiveRateBefore()));
        row(out, r, "F1 before shift", s -> pct(s.f1Before()));
        row(out, r, "F1 after shift", s -> pct(s.f1After()));
        row(out, r, "recall after shift", s -> pct(s.recallAfter()));
        row(out, r, "windows until FPR < " + Math.round(100 * SETTLED_FPR) + "%", s -> s.windowsUntilSettled() == null ? "never" : s.windowsUntilSettled().toString());
        row(out, r, "training time", s -> String.format("%.2f s", s.trainSeconds()));
        out.println("F1 (false-positive rate) per block of " + o.blockWindows() + " windows:");
        for (int b = 0; b < r.blocks().size(); b++) {
            int block = b;
            row(out, r, "  windows " + r.blocks().get(b), s -> String.format("%5.1f%% (%4.1f%%)",
                    100 * s.f1PerBlock().get(block), 100 * s.falsePositiveRatePerBlock().get(block)));
        }
    }

    private static String shortName(String strategy) {
        return strategy.startsWith("scheduled") ? "scheduled" : strategy;
    }

    private static void row(PrintStream out, Report r, String name, java.util.function.Function<StrategyFigures, String> value) {
        StringBuilder line = new StringBuilder(String.format("%-34s", name));
        r.strategies().forEach(s -> line.append(String.format(" %18s", value.apply(s))));
        out.println(line);
    }

    private static String pct(double v) {
        return String.format("%.1f%%", 100 * v);
    }
}
