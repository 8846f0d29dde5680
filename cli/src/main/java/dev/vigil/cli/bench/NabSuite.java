package dev.vigil.cli.bench;

import dev.vigil.models.Algorithms;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Scored;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil bench detect --suite nab}: every labelled NAB series is cut at NAB's probationary length; a
 * detector of the models module is trained on the {@link SeriesFeatures} of the probationary rows only and
 * scores every row. Reports NAB's normalised score under its three profiles ({@link NabScorer}) and window
 * precision, recall and F1 at the model's own threshold, and writes the detections in NAB's results layout
 * ({@code <out>/<detector>/<group>/<detector>_<file>.csv}, {@code timestamp,value,anomaly_score,label}) so that
 * NAB's published scorer can check the figures.
 */
public final class NabSuite {
    public static final List<String> DETECTORS = List.of(Algorithms.ISOLATION_FOREST, Algorithms.RULES, Algorithms.FORECASTER);
    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * Figures of one detector. Window precision: share of alarms (runs of consecutive flagged scored rows) that
     * touch a labelled window; window recall: share of windows with at least one flagged row.
     */
    public record DetectorFigures(String detector, List<NabScorer.Result> nab, long alarms, long trueAlarms,
                                  long detectedWindows, long windows, double windowPrecision, double windowRecall,
                                  double windowF1, List<String> untrainable, double seconds) {
    }

    public record Report(String corpus, String resultsDir, int series, long rows, int windows, List<DetectorFigures> detectors) {
    }

    private NabSuite() {
    }

    /** The NAB folder under {@code vigil.datasets}, else {@code ../shared/datasets/nab}, else {@code /work/shared/datasets/nab}. */
    public static Path defaultRoot() {
        String property = System.getProperty("vigil.datasets");
        if (property != null) {
            return Path.of(property, "nab");
        }
        Path relative = Path.of("../shared/datasets/nab");
        return Files.isDirectory(relative) ? relative : Path.of("/work/shared/datasets/nab");
    }

    /** Runs the suite on the NAB folder given as the first argument (default {@link #defaultRoot()}). */
    public static void main(String[] args) {
        run(args.length > 0 ? Path.of(args[0]) : defaultRoot(), System.out);
    }

    public static Report run(Path nabRoot, PrintStream out) {
        return run(nabRoot, List.of(), Path.of("vigil-bench", "nab-results"), out);
    }

    /**
     * @param only    if not empty, only series whose path contains one of these strings
     * @param outDir  results folder in NAB's layout
     */
    public static Report run(Path nabRoot, List<String> only, Path outDir, PrintStream out) {
        List<NabCorpus.Series> corpus = NabCorpus.read(nabRoot, only);
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("no labelled NAB series under " + nabRoot);
        }
        List<DetectorFigures> figures = new ArrayList<>();
        for (String detector : DETECTORS) {
            figures.add(runDetector(detector, corpus, outDir));
        }
        long rows = corpus.stream().mapToLong(s -> s.values().length).sum();
        int windows = corpus.stream().mapToInt(s -> s.windows().size()).sum();
        Report report = new Report(nabRoot.toString(), outDir.toString(), corpus.size(), rows, windows, figures);
        print(report, out);
        return report;
    }

    private static DetectorFigures runDetector(String detector, List<NabCorpus.Series> corpus, Path outDir) {
        long started = System.nanoTime();
        List<NabScorer.Series> scored = new ArrayList<>();
        List<String> untrainable = new ArrayList<>();
        long alarms = 0;
        long trueAlarms = 0;
        long detected = 0;
        long windows = 0;
        for (NabCorpus.Series series : corpus) {
            double[][] features = SeriesFeatures.of(series.values());
            int probation = NabScorer.probationLength(features.length);
            double[] scores = new double[features.length];
            boolean[] flagged = new boolean[features.length];
            try {
                AnomalyModel model = Trainers.train(detector,
                        TrainingSet.of(Arrays.copyOf(features, probation), SeriesFeatures.NAMES), Map.of());
                score(model, features, scores, flagged);
            } catch (IllegalArgumentException e) {
                // e.g. a flat probationary period; the series then counts as never flagged (NAB's null detector).
                untrainable.add(series.relativePath() + ": " + e.getMessage());
            }
            write(outDir, detector, series, scores);
            scored.add(new NabScorer.Series(series.relativePath(), scores, series.windows()));
            for (int i = probation; i < flagged.length; i++) {
                if (flagged[i] && (i == probation || !flagged[i - 1])) {
                    alarms++;
                    int end = i;
                    while (end + 1 < flagged.length && flagged[end + 1]) end++;
                    final int from = i;
                    final int to = end;
                    trueAlarms += series.windows().stream().anyMatch(w -> w[0] <= to && from <= w[1]) ? 1 : 0;
                }
            }
            for (int[] w : series.windows()) {
                if (w[1] < probation) continue; // wholly probationary: not scored, as in NAB
                windows++;
                for (int i = Math.max(w[0], probation); i <= w[1]; i++) {
                    if (flagged[i]) {
                        detected++;
                        break;
                    }
                }
            }
        }
        List<NabScorer.Result> nab = NabScorer.PROFILES.stream().map(p -> NabScorer.score(scored, p)).toList();
        double precision = Confusion.ratio(trueAlarms, alarms);
        double recall = Confusion.ratio(detected, windows);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new DetectorFigures(detector, nab, alarms, trueAlarms, detected, windows, precision, recall, f1,
                untrainable, (System.nanoTime() - started) / 1e9);
    }

    /** Scores every row (probationary ones too: NAB ignores them) with the model's history of preceding rows. */
    private static void score(AnomalyModel model, double[][] features, double[] scores, boolean[] flagged) {
        int h = model.historyLength();
        List<double[]> all = Arrays.asList(features);
        for (int i = 0; i < features.length; i++) {
            Scored s = model.score(features[i], all.subList(Math.max(0, i - h), i));
            scores[i] = s.score();
            flagged[i] = s.anomalous();
        }
    }

    private static void write(Path outDir, String detector, NabCorpus.Series series, double[] scores) {
        Path file = outDir.resolve(detector).resolve(series.group()).resolve(detector + "_" + series.fileName());
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                w.write("timestamp,value,anomaly_score,label\n");
                for (int i = 0; i < scores.length; i++) {
                    w.write(NAB_TIME.format(series.times()[i]) + "," + series.values()[i] + "," + scores[i] + ","
                            + (series.inWindow(i) ? 1 : 0) + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void print(Report r, PrintStream out) {
        out.printf("NAB: %d series, %d rows, %d windows from %s; detections in %s%n", r.series(), r.rows(), r.windows(),
                r.corpus(), r.resultsDir());
        out.printf("%-18s %9s %9s %9s %10s %8s %8s %7s %8s%n", "detector", "standard", "low-FP", "low-FN",
                "win-prec", "win-rec", "win-F1", "alarms", "seconds");
        for (DetectorFigures d : r.detectors()) {
            out.printf("%-18s %9.1f %9.1f %9.1f %9.1f%% %7.1f%% %7.1f%% %7d %8.1f%n", d.detector(),
                    d.nab().get(0).normalisedScore(), d.nab().get(1).normalisedScore(), d.nab().get(2).normalisedScore(),
                    100 * d.windowPrecision(), 100 * d.windowRecall(), 100 * d.windowF1(), d.alarms(), d.seconds());
            for (String u : d.untrainable()) {
                out.println("  not trained (scored 0): " + u);
            }
        }
        out.println("NAB scores: 100 = perfect detector, 0 = null detector; thresholds optimised per profile as NAB does.");
    }
}
