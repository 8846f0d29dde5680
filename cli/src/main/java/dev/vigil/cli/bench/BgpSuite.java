package dev.vigil.cli.bench;

import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Scored;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil bench detect --suite bgp}: labelled BGP feature files (UFAM {@code dataset_*.csv} or SFU files, read
 * by the ingest module) split by whole files: those whose name contains one of the training events train every
 * detector type, the others are scored row by row in time order. Reports precision, recall, F1, false-positive
 * rate and, per test event, the detection delay; writes every test row's verdict as CSV.
 */
public final class BgpSuite {
    public static final List<String> DETECTORS = List.of(Algorithms.ISOLATION_FOREST, Algorithms.RULES,
            Algorithms.FORECASTER, Algorithms.CLASSIFIER);
    /** Heavy-tailed BGP counts: the unsupervised detectors work on sign(x)·log(1 + |x|) of every feature. */
    static final Map<String, String> UNSUPERVISED_PARAMS = Map.of("transform", "signed-log");

    /**
     * Delay of one test event: over its files (one per peer) that have anomalous windows, how many flagged a row
     * at or after their first labelled-anomalous window, and the median of those delays in minutes (null when none did).
     */
    public record EventDelay(String event, int files, int detectedFiles, Double medianDelayMinutes) {
    }

    /** Counts over all test files of one event (every peer's file, regular periods too). */
    public record EventFigures(String event, Confusion confusion, double precision, double recall, double falsePositiveRate) {
        static EventFigures of(String event, Confusion c) {
            return new EventFigures(event, c, c.precision(), c.recall(), c.falsePositiveRate());
        }
    }

    /** Test rows per bin of calibrated score ({@link #SCORE_BINS} equal bins over [0, 1]), normal and anomalous rows apart. */
    public record ScoreHistogram(long[] normal, long[] anomalous) {
        static ScoreHistogram empty() {
            return new ScoreHistogram(new long[SCORE_BINS], new long[SCORE_BINS]);
        }

        void add(double score, boolean anomalousRow) {
            int bin = Math.clamp((long) Math.floor(score * SCORE_BINS), 0, SCORE_BINS - 1);
            (anomalousRow ? anomalous : normal)[bin]++;
        }
    }

    public static final int SCORE_BINS = 20;

    public record DetectorFigures(String detector, Confusion confusion, double precision, double recall, double f1,
                                  double falsePositiveRate, List<EventDelay> delays, List<EventFigures> events,
                                  ScoreHistogram scores, double trainSeconds) {
    }

    public record Report(String folder, List<String> trainFiles, List<String> testFiles, long trainRows, long testRows,
                         String predictions, List<DetectorFigures> detectors) {
    }

    private BgpSuite() {
    }

    /** Runs the suite on a folder (first argument) training on the events named by the other arguments. */
    public static void main(String[] args) {
        List<String> events = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("code-red", "as-path-error");
        run(Path.of(args[0]), events, System.out, Path.of("vigil-bench", "bgp-predictions.csv"));
    }

    public static Report run(Path folder, List<String> trainEvents, PrintStream out, Path outCsv) {
        List<BgpFile> read = BgpFile.readFolder(folder, out, new ArrayList<>());
        List<String> shared = BgpFile.sharedFeatures(read);
        List<BgpFile> files = BgpFile.smallestBin(read).stream().map(f -> f.select(shared)).toList();
        List<BgpFile> train = files.stream().filter(f -> trainEvents.stream().anyMatch(f.name()::contains)).toList();
        List<BgpFile> test = files.stream().filter(f -> !train.contains(f)).toList();
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("training events " + trainEvents + " leave " + train.size()
                    + " training and " + test.size() + " test files in " + folder);
        }
        TrainingSet trainingSet = BgpFile.trainingSet(train);
        List<DetectorFigures> figures = new ArrayList<>();
        try (CsvFile csv = CsvFile.create(outCsv, "detector", "file", "timestamp", "score", "flag", "label")) {
            for (String detector : DETECTORS) {
                Map<String, String> params = detector.equals(Algorithms.CLASSIFIER) ? Map.of() : UNSUPERVISED_PARAMS;
                if (!Trainers.canTrain(detector, trainingSet, params)) {
                    out.println(detector + ": cannot be trained on these files (too few labelled rows)");
                    continue;
                }
                long started = System.nanoTime();
                AnomalyModel model = Trainers.train(detector, trainingSet, params);
                double trainSeconds = (System.nanoTime() - started) / 1e9;
                figures.add(evaluate(model, test, csv, trainSeconds));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Report report = new Report(folder.toString(), train.stream().map(BgpFile::name).toList(),
                test.stream().map(BgpFile::name).toList(), trainingSet.size(),
                test.stream().mapToLong(f -> f.features().length).sum(), outCsv.toString(), figures);
        print(report, out);
        return report;
    }

    private static DetectorFigures evaluate(AnomalyModel model, List<BgpFile> test, CsvFile csv, double trainSeconds) {
        Confusion total = new Confusion(0, 0, 0, 0);
        Map<String, List<Double>> delays = new LinkedHashMap<>();
        Map<String, Integer> filesPerEvent = new LinkedHashMap<>();
        Map<String, Confusion> perEvent = new LinkedHashMap<>();
        ScoreHistogram histogram = ScoreHistogram.empty();
        for (BgpFile file : test) {
            int n = file.features().length;
            boolean[] flagged = new boolean[n];
            List<double[]> rows = Arrays.asList(file.features());
            int h = model.historyLength();
            for (int i = 0; i < n; i++) {
                Scored s = model.score(file.features()[i], rows.subList(Math.max(0, i - h), i));
                flagged[i] = s.anomalous();
                histogram.add(s.score(), file.anomalous()[i]);
                csv.record(model.algorithm(), file.name(), Instant.ofEpochMilli(file.starts()[i]), s.score(), flagged[i] ? 1 : 0,
                        file.anomalous()[i] ? 1 : 0);
            }
            Confusion counts = Confusion.of(flagged, file.anomalous());
            total = total.plus(counts);
            perEvent.merge(file.event(), counts, Confusion::plus);
            boolean labelled = false;
            for (boolean a : file.anomalous()) {
                labelled |= a;
            }
            if (labelled) { // a file with no anomalous window (a regular period) has no delay to measure
                filesPerEvent.merge(file.event(), 1, Integer::sum);
            }
            Double delay = delayMinutes(file, flagged);
            if (delay != null) {
                delays.computeIfAbsent(file.event(), e -> new ArrayList<>()).add(delay);
            }
        }
        List<EventDelay> delayPerEvent = filesPerEvent.entrySet().stream().map(e -> {
            List<Double> d = delays.getOrDefault(e.getKey(), List.of());
            return new EventDelay(e.getKey(), e.getValue(), d.size(), d.isEmpty() ? null : median(d));
        }).toList();
        List<EventFigures> events = perEvent.entrySet().stream().map(e -> EventFigures.of(e.getKey(), e.getValue())).toList();
        return new DetectorFigures(model.algorithm(), total, total.precision(), total.recall(), total.f1(),
                total.falsePositiveRate(), delayPerEvent, events, histogram, trainSeconds);
    }

    /** Minutes from the file's first anomalous window to the first flagged window at or after it; null if none. */
    static Double delayMinutes(BgpFile file, boolean[] flagged) {
        int first = -1;
        for (int i = 0; i < flagged.length && first < 0; i++) {
            first = file.anomalous()[i] ? i : -1;
        }
        if (first < 0) {
            return null;
        }
        for (int i = 0; i < flagged.length; i++) {
            if (flagged[i] && file.starts()[i] >= file.starts()[first]) {
                return (file.starts()[i] - file.starts()[first]) / 60_000.0;
            }
        }
        return null;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static void print(Report r, PrintStream out) {
        out.printf("BGP: trained on %d files (%d rows), tested on %d files (%d rows) of %s%n", r.trainFiles().size(),
                r.trainRows(), r.testFiles().size(), r.testRows(), r.folder());
        out.printf("%-18s %10s %8s %8s %8s %9s%n", "detector", "precision", "recall", "F1", "FPR", "train-s");
        for (DetectorFigures d : r.detectors()) {
            out.printf("%-18s %9.1f%% %7.1f%% %7.1f%% %7.2f%% %9.1f%n", d.detector(), 100 * d.precision(),
                    100 * d.recall(), 100 * d.f1(), 100 * d.falsePositiveRate(), d.trainSeconds());
        }
        out.println("Detection delay per test event (median over its peers' files, minutes; detected/files):");
        for (DetectorFigures d : r.detectors()) {
            StringBuilder line = new StringBuilder(String.format("%-18s", d.detector()));
            for (EventDelay e : d.delays()) {
                line.append(String.format(" %s %s (%d/%d)", e.event(),
                        e.medianDelayMinutes() == null ? "-" : String.format("%.0f", e.medianDelayMinutes()),
                        e.detectedFiles(), e.files()));
            }
            out.println(line);
        }
        out.println("Precision / recall per test event (all its files):");
        for (DetectorFigures d : r.detectors()) {
            StringBuilder line = new StringBuilder(String.format("%-18s", d.detector()));
            for (EventFigures e : d.events()) {
                line.append(String.format(" %s %.0f%%/%.0f%%", e.event(), 100 * e.precision(), 100 * e.recall()));
            }
            out.println(line);
        }
        out.println("Per-row predictions: " + r.predictions());
    }
}
