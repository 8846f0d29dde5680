package dev.vigil.cli.bench;

import dev.vigil.cli.report.Curves;
import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Scored;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import smile.validation.metric.AUC;

/**
 * {@code vigil bench detect --suite synthetic}: {@link TelemetrySimulator} data, every detector type trained on
 * the first {@link #TRAIN_DAYS} days and tested on the following {@link #TEST_DAYS}; precision, recall,
 * false-positive rate, F1, ROC-AUC and per-vector scoring latency next to the figures operators of such systems
 * ask to beat.
 */
public final class SyntheticSuite {
    public static final int TRAIN_DAYS = 6;
    public static final int TEST_DAYS = 4;
    public static final List<String> DETECTORS = List.of(Algorithms.ISOLATION_FOREST, Algorithms.RULES,
            Algorithms.FORECASTER, Algorithms.CLASSIFIER);

    /** The reference figures: precision and recall to beat, a false-positive rate and a latency to stay under. */
    public record Targets(double precision, double recall, double falsePositiveRate, double latencyMillis) {
    }

    public static final Targets TARGETS = new Targets(0.953, 0.871, 0.118, 100);

    /** Points kept of each ROC and PR curve in the report. */
    static final int CURVE_POINTS = 200;

    /**
     * @param roc (false-positive rate, true-positive rate) points of the test windows' scores, thinned to
     *            {@link #CURVE_POINTS}
     * @param pr  (recall, precision) points, likewise
     */
    public record DetectorFigures(String detector, Confusion confusion, double precision, double recall,
                                  double falsePositiveRate, double f1, double rocAuc, double latencyP50Millis,
                                  double latencyP99Millis, double trainSeconds, List<double[]> roc, List<double[]> pr) {
    }

    public record Report(long seed, int trainWindows, int testWindows, long anomalousTestWindows, Targets targets,
                         List<DetectorFigures> detectors) {
    }

    private SyntheticSuite() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Long.parseLong(args[0]) : 7, System.out);
    }

    public static Report run(long seed, PrintStream out) {
        return run(seed, TRAIN_DAYS * 1440, TEST_DAYS * 1440, out);
    }

    /** With explicit lengths in minutes (tests use short runs). */
    public static Report run(long seed, int trainMinutes, int testMinutes, PrintStream out) {
        TrainingSet all = new TelemetrySimulator(seed).generate(trainMinutes + testMinutes);
        int split = trainMinutes * TelemetrySimulator.SERVICES.size();
        TrainingSet train = all.subset(IntStream.range(0, split).toArray());
        TrainingSet test = all.subset(IntStream.range(split, all.size()).toArray());
        List<DetectorFigures> figures = new ArrayList<>();
        for (String detector : DETECTORS) {
            Map<String, String> params = Map.of("seed", Long.toString(seed));
            if (!Trainers.canTrain(detector, train, params)) {
                out.println(detector + ": too few labelled windows to train");
                continue;
            }
            long started = System.nanoTime();
            AnomalyModel model = Trainers.train(detector, train, params);
            figures.add(evaluate(model, test, (System.nanoTime() - started) / 1e9));
        }
        Report report = new Report(seed, train.size(), test.size(), test.count(TrainingSet.ANOMALY), TARGETS, figures);
        print(report, out);
        return report;
    }

    /** Scores every test window with its entity's preceding windows as history, timing each call. */
    private static DetectorFigures evaluate(AnomalyModel model, TrainingSet test, double trainSeconds) {
        int n = test.size();
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        boolean[] anomalous = new boolean[n];
        long[] nanos = new long[n];
        int h = model.historyLength();
        for (int[] sequence : test.sequences()) {
            List<double[]> history = new ArrayList<>();
            for (int row : sequence) {
                List<double[]> recent = history.subList(Math.max(0, history.size() - h), history.size());
                long started = System.nanoTime();
                Scored s = model.score(test.features()[row], recent);
                nanos[row] = System.nanoTime() - started;
                scores[row] = s.score();
                flagged[row] = s.anomalous();
                anomalous[row] = test.label(row) == TrainingSet.ANOMALY;
                history.add(test.features()[row]);
            }
        }
        Confusion c = Confusion.of(flagged, anomalous);
        int[] truth = IntStream.range(0, n).map(i -> anomalous[i] ? 1 : 0).toArray();
        double auc = c.truePositives() + c.falseNegatives() == 0 ? Double.NaN : AUC.of(truth, scores);
        Curves curves = Curves.of(IntStream.range(0, n).mapToObj(i -> new double[] {scores[i], truth[i]}).toList())
                .thinned(CURVE_POINTS);
        Arrays.sort(nanos);
        return new DetectorFigures(model.algorithm(), c, c.precision(), c.recall(), c.falsePositiveRate(), c.f1(), auc,
                nanos[n / 2] / 1e6, nanos[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1e6, trainSeconds,
                curves.roc(), curves.pr());
    }

    static void print(Report r, PrintStream out) {
        out.printf("Synthetic telemetry (seed %d): trained on %d windows, tested on %d (%d anomalous)%n", r.seed(),
                r.trainWindows(), r.testWindows(), r.anomalousTestWindows());
        StringBuilder header = new StringBuilder(String.format("%-22s %10s", "metric", "reference"));
        r.detectors().forEach(d -> header.append(String.format(" %17s", d.detector())));
        out.println(header);
        row(out, r, "precision", 100 * r.targets().precision(), "%", d -> 100 * d.precision());
        row(out, r, "recall", 100 * r.targets().recall(), "%", d -> 100 * d.recall());
        row(out, r, "false-positive rate", 100 * r.targets().falsePositiveRate(), "%", d -> 100 * d.falsePositiveRate());
        row(out, r, "F1", Double.NaN, "%", d -> 100 * d.f1());
        row(out, r, "ROC-AUC", Double.NaN, "", DetectorFigures::rocAuc);
        row(out, r, "scoring latency p50", r.targets().latencyMillis(), "ms", DetectorFigures::latencyP50Millis);
        row(out, r, "scoring latency p99", r.targets().latencyMillis(), "ms", DetectorFigures::latencyP99Millis);
        out.println("Reference: precision and recall to beat, false-positive rate and latency to stay under."
                + " Latency: one model.score call per window, in process, on the bench machine.");
    }

    private static void row(PrintStream out, Report r, String name, double reference, String unit,
                            java.util.function.ToDoubleFunction<DetectorFigures> value) {
        StringBuilder line = new StringBuilder(String.format("%-22s %10s", name,
                Double.isNaN(reference) ? "-" : format(reference, unit)));
        r.detectors().forEach(d -> line.append(String.format(" %17s", format(value.applyAsDouble(d), unit))));
        out.println(line);
    }

    private static String format(double v, String unit) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return switch (unit) {
            case "" -> String.format("%.4f", v);
            case "ms" -> String.format(v >= 1 ? "%.0f ms" : "%.4f ms", v);
            default -> String.format("%.1f %s", v, unit);
        };
    }
}
