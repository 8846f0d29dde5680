package dev.vigil.cli.bench;

import dev.vigil.cli.report.Curves;
import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.ScoreCalibration;
import dev.vigil.models.Scored;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import smile.validation.metric.AUC;

/**
 * {@code vigil bench detect --suite synthetic}: {@link TelemetrySimulator} data in three consecutive periods of whole
 * weeks: every detector type trains on the first ({@link #TRAIN_DAYS} days), choices that need labels are made on the
 * second ({@link #VALIDATION_DAYS}), and every figure comes from the third ({@link #TEST_DAYS}), which nothing was
 * fitted or chosen on. Precision, recall, false-positive rate, F1, ROC-AUC, recall per anomaly kind and per-vector
 * scoring latency. No outside reference figure is printed beside them: the one this table once carried had no known
 * source, and the same run's detectors (and the what-if classifier) are the comparison it can vouch for.
 *
 * <p>Thresholds: the unsupervised detectors keep their own (calibrated for 1 % false positives on their training
 * windows, as served). The classifier is fitted on every labelled training window and its probability cut is the
 * best-F1 cut on the validation period (its trainer would otherwise hold out a random quarter of the training
 * windows, whose episodes overlap the ones it fits, and learn from three quarters). The {@code ensemble} column fuses
 * the four detectors with the ensemble's own fusion, rule, weights and threshold chosen on the validation period
 * ({@link FusionChoice}). A what-if classifier with a per-entity count profile ({@link CountProfile}), which the apps
 * do not have, shows what entity-blind scoring costs.
 */
public final class SyntheticSuite {
    public static final int TRAIN_DAYS = 21;
    public static final int VALIDATION_DAYS = 7;
    public static final int TEST_DAYS = 7;
    public static final List<String> DETECTORS = List.of(Algorithms.ISOLATION_FOREST, Algorithms.RULES,
            Algorithms.FORECASTER, Algorithms.CLASSIFIER);
    public static final String ENSEMBLE = "ensemble";
    public static final String WHAT_IF = "classifier+profile";
    static final String OWN_THRESHOLD = "own: 1 % FPR on training";
    static final String VALIDATION_THRESHOLD = "best F1 on validation";

    /** Points kept of each ROC and PR curve in the report. */
    static final int CURVE_POINTS = 200;

    /**
     * @param threshold    where the verdict's cut came from
     * @param recallByKind recall among the test windows of each injected kind (kinds with no test window left out)
     * @param roc          (false-positive rate, true-positive rate) points of the test windows' scores, thinned to
     *                     {@link #CURVE_POINTS}
     * @param pr           (recall, precision) points, likewise
     */
    public record DetectorFigures(String detector, String threshold, Confusion confusion, double precision, double recall,
                                  double falsePositiveRate, double f1, double rocAuc, double latencyP50Millis,
                                  double latencyP99Millis, double trainSeconds, Map<String, Double> recallByKind,
                                  List<double[]> roc, List<double[]> pr) {
    }

    /**
     * @param detectors the detectors and, when they could be fused, the {@link #ENSEMBLE}
     * @param fusion    the ensemble's settings chosen on the validation period, or null
     * @param whatIf    the classifier with {@link CountProfile#FEATURE}, not part of Vigil's apps, or null
     */
    public record Report(long seed, int trainWindows, int validationWindows, int testWindows, long anomalousTestWindows,
                         List<DetectorFigures> detectors, FusionChoice fusion, DetectorFigures whatIf) {
    }

    /** One model's verdicts on a period: calibrated scores (0.5 = its threshold), verdicts and time per call. */
    private record Verdicts(double[] raw, double[] scores, boolean[] flagged, long[] nanos) {
        /** The same raw scores judged by another calibration. */
        Verdicts recalibrated(ScoreCalibration c) {
            double[] s = Arrays.stream(raw).map(c::calibrate).toArray();
            boolean[] f = new boolean[raw.length];
            for (int i = 0; i < raw.length; i++) {
                f[i] = c.anomalous(raw[i]);
            }
            return new Verdicts(raw, s, f, nanos);
        }
    }

    /** A period's windows, their labels and injected kinds. */
    private record Period(TrainingSet windows, boolean[] anomalous, String[] kinds) {
        static Period of(TelemetrySimulator.Simulation sim, int fromMinute, int toMinute) {
            int services = TelemetrySimulator.SERVICES.size();
            int[] rows = IntStream.range(fromMinute * services, toMinute * services).toArray();
            TrainingSet w = sim.windows().subset(rows);
            boolean[] anomalous = new boolean[rows.length];
            String[] kinds = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                anomalous[i] = w.label(i) == TrainingSet.ANOMALY;
                kinds[i] = sim.kinds()[rows[i]];
            }
            return new Period(w, anomalous, kinds);
        }
    }

    private SyntheticSuite() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Long.parseLong(args[0]) : 7, System.out);
    }

    public static Report run(long seed, PrintStream out) {
        return run(seed, TRAIN_DAYS * 1440, VALIDATION_DAYS * 1440, TEST_DAYS * 1440, out);
    }

    /** With explicit lengths in minutes (tests use short runs). */
    public static Report run(long seed, int trainMinutes, int validationMinutes, int testMinutes, PrintStream out) {
        TelemetrySimulator.Simulation sim = new TelemetrySimulator(seed).simulate(trainMinutes + validationMinutes + testMinutes);
        Period train = Period.of(sim, 0, trainMinutes);
        Period validation = Period.of(sim, trainMinutes, trainMinutes + validationMinutes);
        Period test = Period.of(sim, trainMinutes + validationMinutes, trainMinutes + validationMinutes + testMinutes);
        Map<String, String> params = Map.of("seed", Long.toString(seed));

        List<DetectorFigures> figures = new ArrayList<>();
        List<String> fused = new ArrayList<>();
        List<Verdicts> onValidation = new ArrayList<>();
        List<Verdicts> onTest = new ArrayList<>();
        for (String detector : DETECTORS) {
            if (!Trainers.canTrain(detector, train.windows(), params)) {
                out.println(detector + ": too few labelled windows to train");
                continue;
            }
            long started = System.nanoTime();
            AnomalyModel model = Trainers.train(detector, train.windows(), trainParams(detector, params));
            double trainSeconds = (System.nanoTime() - started) / 1e9;
            Verdicts v = verdicts(model, validation.windows());
            Verdicts t = verdicts(model, test.windows());
            String threshold = OWN_THRESHOLD;
            if (detector.equals(Algorithms.CLASSIFIER)) {
                ScoreCalibration cut = validationCut(v, validation);
                if (cut != null) {
                    v = v.recalibrated(cut);
                    t = t.recalibrated(cut);
                    threshold = VALIDATION_THRESHOLD;
                }
            }
            fused.add(detector);
            onValidation.add(v);
            onTest.add(t);
            figures.add(figures(detector, threshold, t.scores(), t.flagged(), t.nanos(), test, trainSeconds));
        }

        FusionChoice fusion = null;
        if (fused.size() > 1 && count(validation.anomalous()) > 0) {
            fusion = FusionChoice.choose(fused, columns(onValidation, Verdicts::scores), flagColumns(onValidation), validation.anomalous());
            long[] nanos = new long[test.windows().size()];
            long started = System.nanoTime();
            double[] combined = fusion.combine(fused, columns(onTest, Verdicts::scores), flagColumns(onTest));
            long fusionNanosPerWindow = (System.nanoTime() - started) / Math.max(1, nanos.length);
            for (int i = 0; i < nanos.length; i++) {
                final int row = i;
                nanos[i] = fusionNanosPerWindow + onTest.stream().mapToLong(v -> v.nanos()[row]).sum();
            }
            figures.add(figures(ENSEMBLE, VALIDATION_THRESHOLD, combined, fusion.flags(combined), nanos, test, Double.NaN));
        }

        Report report = new Report(seed, train.windows().size(), validation.windows().size(), test.windows().size(),
                count(test.anomalous()), figures, fusion, whatIf(train, validation, test, params));
        print(report, out);
        return report;
    }

    private static Map<String, String> trainParams(String detector, Map<String, String> params) {
        if (!detector.equals(Algorithms.CLASSIFIER)) {
            return params;
        }
        // The cut is chosen on the validation period, so every labelled training window goes to the forest.
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("validationFraction", "0");
        return p;
    }

    /** The classifier's best-F1 probability cut on the validation period, or null without anomalous windows there. */
    private static ScoreCalibration validationCut(Verdicts v, Period validation) {
        double cut = dev.vigil.models.BestF1.cut(v.raw(), validation.anomalous());
        return Double.isNaN(cut) ? null : ScoreCalibration.forProbability(Math.min(0.99, Math.max(0.01, cut)));
    }

    /**
     * What a per-entity count profile would add: the classifier fitted and cut the same way on the features plus
     * {@link CountProfile#FEATURE}, the profile learned from the training period only.
     */
    private static DetectorFigures whatIf(Period train, Period validation, Period test, Map<String, String> params) {
        if (!Trainers.canTrain(Algorithms.CLASSIFIER, train.windows(), params) || count(validation.anomalous()) == 0) {
            return null;
        }
        long started = System.nanoTime();
        CountProfile profile = CountProfile.fit(train.windows(), "event_count");
        AnomalyModel model = Trainers.train(Algorithms.CLASSIFIER, profile.extend(train.windows()),
                trainParams(Algorithms.CLASSIFIER, params));
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        Period extendedValidation = new Period(profile.extend(validation.windows()), validation.anomalous(), validation.kinds());
        Period extendedTest = new Period(profile.extend(test.windows()), test.anomalous(), test.kinds());
        ScoreCalibration cut = validationCut(verdicts(model, extendedValidation.windows()), extendedValidation);
        Verdicts t = verdicts(model, extendedTest.windows()).recalibrated(cut);
        return figures(WHAT_IF, VALIDATION_THRESHOLD, t.scores(), t.flagged(), t.nanos(), extendedTest, trainSeconds);
    }

    /** Scores every window with its entity's preceding windows of the period as history, timing each call. */
    private static Verdicts verdicts(AnomalyModel model, TrainingSet set) {
        int n = set.size();
        double[] raw = new double[n];
        double[] scores = new double[n];
        boolean[] flagged = new boolean[n];
        long[] nanos = new long[n];
        int h = model.historyLength();
        for (int[] sequence : set.sequences()) {
            List<double[]> history = new ArrayList<>();
            for (int row : sequence) {
                List<double[]> recent = history.subList(Math.max(0, history.size() - h), history.size());
                long started = System.nanoTime();
                Scored s = model.score(set.features()[row], recent);
                nanos[row] = System.nanoTime() - started;
                raw[row] = s.rawScore();
                scores[row] = s.score();
                flagged[row] = s.anomalous();
                history.add(set.features()[row]);
            }
        }
        return new Verdicts(raw, scores, flagged, nanos);
    }

    private static DetectorFigures figures(String name, String threshold, double[] scores, boolean[] flagged, long[] nanos,
                                           Period test, double trainSeconds) {
        int n = scores.length;
        boolean[] anomalous = test.anomalous();
        Confusion c = Confusion.of(flagged, anomalous);
        int[] truth = IntStream.range(0, n).map(i -> anomalous[i] ? 1 : 0).toArray();
        double auc = c.truePositives() + c.falseNegatives() == 0 ? Double.NaN : AUC.of(truth, scores);
        Curves curves = Curves.of(IntStream.range(0, n).mapToObj(i -> new double[] {scores[i], truth[i]}).toList())
                .thinned(CURVE_POINTS);
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new DetectorFigures(name, threshold, c, c.precision(), c.recall(), c.falsePositiveRate(), c.f1(), auc,
                sorted[n / 2] / 1e6, sorted[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1e6, trainSeconds,
                recallByKind(flagged, test.kinds()), curves.roc(), curves.pr());
    }

    static Map<String, Double> recallByKind(boolean[] flagged, String[] kinds) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String kind : TelemetrySimulator.KINDS) {
            int windows = 0;
            int found = 0;
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i].equals(kind)) {
                    windows++;
                    found += flagged[i] ? 1 : 0;
                }
            }
            if (windows > 0) {
                out.put(kind, (double) found / windows);
            }
        }
        return out;
    }

    private static double[][] columns(List<Verdicts> verdicts, java.util.function.Function<Verdicts, double[]> column) {
        int n = verdicts.getFirst().raw().length;
        double[][] out = new double[n][verdicts.size()];
        for (int d = 0; d < verdicts.size(); d++) {
            double[] values = column.apply(verdicts.get(d));
            for (int i = 0; i < n; i++) {
                out[i][d] = values[i];
            }
        }
        return out;
    }

    private static boolean[][] flagColumns(List<Verdicts> verdicts) {
        int n = verdicts.getFirst().raw().length;
        boolean[][] out = new boolean[n][verdicts.size()];
        for (int d = 0; d < verdicts.size(); d++) {
            for (int i = 0; i < n; i++) {
                out[i][d] = verdicts.get(d).flagged()[i];
            }
        }
        return out;
    }

    private static long count(boolean[] values) {
        return IntStream.range(0, values.length).filter(i -> values[i]).count();
    }

    static void print(Report r, PrintStream out) {
        int perDay = 1440 * TelemetrySimulator.SERVICES.size();
        out.printf(Locale.ROOT, "Synthetic telemetry (seed %d): trained on days 1-%d (%d windows), thresholds and fusion chosen on the"
                        + " next %d days (%d windows), tested on the %d days after (%d windows, %d anomalous)%n", r.seed(),
                r.trainWindows() / perDay, r.trainWindows(), r.validationWindows() / perDay, r.validationWindows(),
                r.testWindows() / perDay, r.testWindows(), r.anomalousTestWindows());
        printTable(r.detectors(), out);
        if (r.fusion() != null) {
            out.printf(Locale.ROOT, "ensemble: the ensemble's fusion with %s (validation F1 %.1f %%)%n", r.fusion(), 100 * r.fusion().validationF1());
        }
        out.println("Thresholds: isolation forest, rules and forecaster their own (1 % FPR on their training windows);"
                + " classifier and ensemble the best F1 on the validation days.");
        out.println("Latency: model.score calls per window (all four and the fusion for the ensemble), in process.");
        if (r.whatIf() != null) {
            out.println();
            out.println("What-if, not in Vigil's apps: the classifier with " + CountProfile.FEATURE + " (each service's"
                    + " mean count per hour of the week on the training days), which entity-blind models cannot have:");
            printTable(List.of(r.whatIf()), out);
        }
    }

    private static void printTable(List<DetectorFigures> detectors, PrintStream out) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-26s", "metric"));
        detectors.forEach(d -> header.append(String.format(Locale.ROOT, " %18s", d.detector())));
        out.println(header);
        row(out, detectors, "precision", "%", d -> 100 * d.precision());
        row(out, detectors, "recall", "%", d -> 100 * d.recall());
        row(out, detectors, "false-positive rate", "%", d -> 100 * d.falsePositiveRate());
        row(out, detectors, "F1", "%", d -> 100 * d.f1());
        row(out, detectors, "ROC-AUC", "", DetectorFigures::rocAuc);
        row(out, detectors, "scoring latency p50", "ms", DetectorFigures::latencyP50Millis);
        row(out, detectors, "scoring latency p99", "ms", DetectorFigures::latencyP99Millis);
        for (String kind : TelemetrySimulator.KINDS) {
            row(out, detectors, "recall, " + kind, "%", d -> 100 * d.recallByKind().getOrDefault(kind, Double.NaN));
        }
    }

    private static void row(PrintStream out, List<DetectorFigures> detectors, String name, String unit,
                            ToDoubleFunction<DetectorFigures> value) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", name));
        detectors.forEach(d -> line.append(String.format(Locale.ROOT, " %18s", format(value.applyAsDouble(d), unit))));
        out.println(line);
    }

    private static String format(double v, String unit) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return switch (unit) {
            case "" -> String.format(Locale.ROOT, "%.4f", v);
            case "ms" -> String.format(Locale.ROOT, v >= 1 ? "%.0f ms" : "%.4f ms", v);
            default -> String.format(Locale.ROOT, "%.1f %s", v, unit);
        };
    }
}
