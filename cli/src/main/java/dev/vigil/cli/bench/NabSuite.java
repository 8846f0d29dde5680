package dev.vigil.cli.bench;

import dev.vigil.aggregator.telemetry.MetricWindowFeatures;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.detectors.AdaptiveScorer;
import dev.vigil.models.Algorithms;
import dev.vigil.models.adaptive.AdaptiveSettings;
import dev.vigil.models.fusion.ScoreFusion;
import dev.vigil.models.fusion.Verdict;
import dev.vigil.schemas.Entities;
import java.util.LinkedHashMap;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Trainers;
import dev.vigil.models.TrainingSet;
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
 * {@code vigil bench detect --suite nab}: every labelled NAB series goes, one point per window, through the detectors
 * app's per-entity adaptive detector with its shipped defaults (it learns online from the stream itself); each trained
 * detector of the models module is fitted on the {@link SeriesFeatures} of the probationary rows only and scores every
 * row; the four are fused as the ensemble fuses. Figures at the shipped threshold (what a user of the apps gets)
 * beside NAB's optimised threshold (an oracle choice), and leave-one-group-out. Reports NAB's normalised score under its three profiles ({@link NabScorer}) and window
 * precision, recall and F1 at the model's own threshold, and writes the detections in NAB's results layout
 * ({@code <out>/<detector>/<group>/<detector>_<file>.csv}, {@code timestamp,value,anomaly_score,label}) so that
 * NAB's published scorer can check the figures.
 */
public final class NabSuite {
    /** The detectors app's per-entity detector, with its shipped defaults: learns online, no training run. */
    public static final String ADAPTIVE = AdaptiveScorer.DETECTOR;
    /** The four detectors' calibrated scores fused as the ensemble fuses them ({@link ScoreFusion#DEFAULT}). */
    public static final String FUSED = "fused";
    public static final List<String> TRAINED = List.of(Algorithms.ISOLATION_FOREST, Algorithms.RULES, Algorithms.FORECASTER);
    public static final List<String> DETECTORS = List.of(ADAPTIVE, Algorithms.ISOLATION_FOREST, Algorithms.RULES,
            Algorithms.FORECASTER, FUSED);
    /** Every detector's calibrated scale puts its own threshold at 0.5: the threshold a user of the apps gets. */
    public static final double SHIPPED_THRESHOLD = 0.5;
    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * Figures of one detector. Window precision: share of alarms (runs of consecutive flagged scored rows) that
     * touch a labelled window; window recall: share of windows with at least one flagged row.
     */
    public record DetectorFigures(String detector, List<NabScorer.Result> nab, long alarms, long trueAlarms,
                                  long detectedWindows, long windows, double windowPrecision, double windowRecall,
                                  double windowF1, List<String> untrainable, double seconds, List<NabScorer.Result> shipped,
                                  List<GroupFigures> leaveOneGroupOut, int mostAlarmsOnAnAnomalyFreeSeries) {
    }

    /**
     * Leave-one-group-out: the standard-profile threshold NAB's optimiser picks on the other groups, and the held-out
     * group's score at that threshold and at the shipped one.
     */
    public record GroupFigures(String group, double thresholdFromOthers, double standardHeldOut, double standardShipped) {
    }

    public record Report(String corpus, String resultsDir, int series, long rows, int windows, List<DetectorFigures> detectors,
                         String configuration) {
    }

    /** The configuration every figure is measured with, fixed in the code. */
    public static String configuration() {
        return "adaptive: " + AdaptiveSettings.DEFAULTS + " (shipped defaults of vigil.detectors.adaptive.*); trained "
                + "detectors: fitted on each series' probationary rows, default hyper-parameters; fused: "
                + ScoreFusion.DEFAULT + " over the scored detectors; shipped threshold " + SHIPPED_THRESHOLD
                + " on every calibrated score";
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
        Map<String, List<double[]>> scores = new LinkedHashMap<>();
        for (String detector : DETECTORS) {
            long started = System.nanoTime();
            List<String> untrainable = new ArrayList<>();
            List<double[]> perSeries = new ArrayList<>();
            for (int s = 0; s < corpus.size(); s++) {
                final int at = s;
                double[] series = switch (detector) {
                    case ADAPTIVE -> adaptiveScores(corpus.get(s));
                    case FUSED -> fuse(TRAINED_AND_ADAPTIVE.stream().map(d -> scores.get(d).get(at)).toList());
                    default -> trainedScores(detector, corpus.get(s), untrainable);
                };
                write(outDir, detector, corpus.get(s), series);
                perSeries.add(series);
            }
            scores.put(detector, perSeries);
            figures.add(figures(detector, corpus, perSeries, untrainable, (System.nanoTime() - started) / 1e9));
        }
        long rows = corpus.stream().mapToLong(s -> s.values().length).sum();
        int windows = corpus.stream().mapToInt(s -> s.windows().size()).sum();
        Report report = new Report(nabRoot.toString(), outDir.toString(), corpus.size(), rows, windows, figures,
                configuration());
        print(report, out);
        return report;
    }

    private static final List<String> TRAINED_AND_ADAPTIVE = List.of(ADAPTIVE, Algorithms.ISOLATION_FOREST,
            Algorithms.RULES, Algorithms.FORECASTER);

    /**
     * The series through the detectors app's own adaptive scorer: one vector per point, as the aggregator makes
     * for a window holding one sample (mean, min, max, last, std, slope); learning windows score 0.
     */
    private static double[] adaptiveScores(NabCorpus.Series series) {
        AdaptiveScorer scorer = new AdaptiveScorer(AdaptiveSettings.DEFAULTS);
        double[] scores = new double[series.values().length];
        byte[] state = null;
        for (int i = 0; i < scores.length; i++) {
            long start = series.times()[i].toEpochMilli();
            MetricWindowFeatures window = new MetricWindowFeatures();
            window.add(start, start, series.values()[i]);
            List<Double> values = java.util.Arrays.stream(window.values()).boxed().toList();
            FeatureVector vector = new FeatureVector("metric:nab|" + series.fileName(), Entities.TELEMETRY_METRIC,
                    series.times()[i], series.times()[i].plusSeconds(60), MetricWindowFeatures.NAMES, values, 1L, "bench");
            AdaptiveScorer.Outcome outcome = scorer.score(vector, state, series.times()[i]);
            scores[i] = outcome.score().getStatus() == ScoreStatus.SCORED ? outcome.score().getScore() : 0;
            state = outcome.state() == null ? state : outcome.state().encode();
        }
        return scores;
    }

    /** A detector of the models module trained on the series' probationary rows, scoring every row. */
    private static double[] trainedScores(String detector, NabCorpus.Series series, List<String> untrainable) {
        double[][] features = SeriesFeatures.of(series.values());
        int probation = NabScorer.probationLength(features.length);
        double[] scores = new double[features.length];
        try {
            AnomalyModel model = Trainers.train(detector,
                    TrainingSet.of(Arrays.copyOf(features, probation), SeriesFeatures.NAMES), Map.of());
            int h = model.historyLength();
            List<double[]> all = Arrays.asList(features);
            for (int i = 0; i < features.length; i++) {
                scores[i] = model.score(features[i], all.subList(Math.max(0, i - h), i)).score();
            }
        } catch (IllegalArgumentException e) {
            // e.g. a flat probationary period; the series then counts as never flagged (NAB's null detector).
            untrainable.add(series.relativePath() + ": " + e.getMessage());
        }
        return scores;
    }

    /** The ensemble's fusion of calibrated scores, row by row; the adaptive detector joins once it has learned. */
    private static double[] fuse(List<double[]> detectors) {
        int n = detectors.get(0).length;
        double[] fused = new double[n];
        for (int i = 0; i < n; i++) {
            List<Verdict> readings = new ArrayList<>();
            for (int d = 0; d < detectors.size(); d++) {
                double score = detectors.get(d)[i];
                readings.add(Verdict.of(TRAINED_AND_ADAPTIVE.get(d), score, score >= SHIPPED_THRESHOLD));
            }
            double combined = ScoreFusion.DEFAULT.combine(readings, d -> 1.0);
            fused[i] = combined;
        }
        return fused;
    }

    private static DetectorFigures figures(String detector, List<NabCorpus.Series> corpus, List<double[]> scores,
                                           List<String> untrainable, double seconds) {
        long alarms = 0;
        long trueAlarms = 0;
        long detected = 0;
        long windows = 0;
        int mostAlarmsOnClean = 0;
        List<NabScorer.Series> scored = new ArrayList<>();
        for (int s = 0; s < corpus.size(); s++) {
            NabCorpus.Series series = corpus.get(s);
            double[] sc = scores.get(s);
            scored.add(new NabScorer.Series(series.relativePath(), sc, series.windows()));
            int probation = NabScorer.probationLength(sc.length);
            int seriesAlarms = 0;
            for (int i = probation; i < sc.length; i++) {
                if (sc[i] >= SHIPPED_THRESHOLD && (i == probation || sc[i - 1] < SHIPPED_THRESHOLD)) {
                    seriesAlarms++;
                    int end = i;
                    while (end + 1 < sc.length && sc[end + 1] >= SHIPPED_THRESHOLD) end++;
                    final int from = i;
                    final int to = end;
                    trueAlarms += series.windows().stream().anyMatch(w -> w[0] <= to && from <= w[1]) ? 1 : 0;
                }
            }
            alarms += seriesAlarms;
            if (series.windows().isEmpty()) {
                mostAlarmsOnClean = Math.max(mostAlarmsOnClean, seriesAlarms);
            }
            for (int[] w : series.windows()) {
                if (w[1] < probation) continue; // wholly probationary: not scored, as in NAB
                windows++;
                for (int i = Math.max(w[0], probation); i <= w[1]; i++) {
                    if (sc[i] >= SHIPPED_THRESHOLD) {
                        detected++;
                        break;
                    }
                }
            }
        }
        List<NabScorer.Result> nab = NabScorer.PROFILES.stream().map(p -> NabScorer.score(scored, p)).toList();
        List<NabScorer.Result> shipped = NabScorer.PROFILES.stream()
                .map(p -> NabScorer.scoreAt(scored, p, SHIPPED_THRESHOLD)).toList();
        double precision = Confusion.ratio(trueAlarms, alarms);
        double recall = Confusion.ratio(detected, windows);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new DetectorFigures(detector, nab, alarms, trueAlarms, detected, windows, precision, recall, f1,
                untrainable, seconds, shipped, leaveOneGroupOut(corpus, scored), mostAlarmsOnClean);
    }

    /** For each group with windows: the threshold optimised on every other group, applied to the held-out one. */
    static List<GroupFigures> leaveOneGroupOut(List<NabCorpus.Series> corpus, List<NabScorer.Series> scored) {
        List<GroupFigures> out = new ArrayList<>();
        for (String group : corpus.stream().map(NabCorpus.Series::group).distinct().sorted().toList()) {
            List<NabScorer.Series> held = new ArrayList<>();
            List<NabScorer.Series> others = new ArrayList<>();
            for (int s = 0; s < corpus.size(); s++) {
                (corpus.get(s).group().equals(group) ? held : others).add(scored.get(s));
            }
            boolean heldHasWindows = held.stream().anyMatch(s -> !s.windows().isEmpty());
            boolean othersHaveWindows = others.stream().anyMatch(s -> !s.windows().isEmpty());
            if (!heldHasWindows || !othersHaveWindows) {
                continue;
            }
            double threshold = NabScorer.score(others, NabScorer.STANDARD).threshold();
            out.add(new GroupFigures(group, threshold, NabScorer.scoreAt(held, NabScorer.STANDARD, threshold).normalisedScore(),
                    NabScorer.scoreAt(held, NabScorer.STANDARD, SHIPPED_THRESHOLD).normalisedScore()));
        }
        return out;
    }

    private static void write(Path outDir, String detector, NabCorpus.Series series, double[] scores) {
        Path file = outDir.resolve(detector).resolve(series.group()).resolve(detector + "_" + series.fileName());
        try {
            try (CsvFile w = CsvFile.create(file, "timestamp", "value", "anomaly_score", "label")) {
                for (int i = 0; i < scores.length; i++) {
                    w.record(NAB_TIME.format(series.times()[i]), series.values()[i], scores[i], series.inWindow(i) ? 1 : 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void print(Report r, PrintStream out) {
        out.printf("NAB: %d series, %d rows, %d windows from %s; detections in %s%n", r.series(), r.rows(), r.windows(),
                r.corpus(), r.resultsDir());
        out.println("configuration: " + r.configuration());
        out.printf("%-18s %27s   %27s %9s %8s %7s %6s %8s%n", "", "at the shipped threshold 0.5", "NAB-optimised threshold (oracle)",
                "", "", "", "clean", "");
        out.printf("%-18s %9s %9s %9s %9s %9s %9s %9s %8s %7s %6s %8s%n", "detector", "standard", "low-FP", "low-FN",
                "standard", "low-FP", "low-FN", "win-prec", "win-rec", "alarms", "max", "seconds");
        for (DetectorFigures d : r.detectors()) {
            out.printf("%-18s %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %8.1f%% %7.1f%% %7d %6d %8.1f%n", d.detector(),
                    d.shipped().get(0).normalisedScore(), d.shipped().get(1).normalisedScore(), d.shipped().get(2).normalisedScore(),
                    d.nab().get(0).normalisedScore(), d.nab().get(1).normalisedScore(), d.nab().get(2).normalisedScore(),
                    100 * d.windowPrecision(), 100 * d.windowRecall(), d.alarms(), d.mostAlarmsOnAnAnomalyFreeSeries(), d.seconds());
            for (String u : d.untrainable()) {
                out.println("  not trained (scored 0): " + u);
            }
        }
        out.println("Leave one group out (standard profile): threshold optimised on the other groups -> held-out group; "
                + "and the held-out group at the shipped threshold");
        for (DetectorFigures d : r.detectors()) {
            StringBuilder line = new StringBuilder(String.format("%-18s", d.detector()));
            for (GroupFigures g : d.leaveOneGroupOut()) {
                line.append(String.format(" %s %.1f (t=%.3f) / %.1f;", g.group(), g.standardHeldOut(), g.thresholdFromOthers(),
                        g.standardShipped()));
            }
            out.println(line);
        }
        out.println("NAB scores: 100 = perfect detector, 0 = null detector. win-prec/win-rec and alarms at the shipped "
                + "threshold; 'clean max' = most alarms on one anomaly-free series.");
    }
}
