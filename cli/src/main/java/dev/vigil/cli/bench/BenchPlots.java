package dev.vigil.cli.bench;

import dev.vigil.bench.aggregator.AggregatorBenchmark;
import dev.vigil.bench.detectors.ScoringBenchmark;
import dev.vigil.bench.drift.DriftCheckBenchmark;
import dev.vigil.bench.models.ModelBenchmark;
import dev.vigil.bench.retrainer.RetrainBenchmark;
import dev.vigil.bench.sketches.DriftBenchmark;
import dev.vigil.cli.report.Charts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/** The charts of every {@code vigil bench} suite, built from its report; {@link BenchPage} writes them as PNG files. */
public final class BenchPlots {

    /** One PNG file: one chart, or several side by side, {@code columns} to a row. */
    public record Plot(String name, String title, List<Chart<?, ?>> charts, int columns) {
        public Plot {
            if (charts.isEmpty() || columns < 1) {
                throw new IllegalArgumentException("a plot needs a chart and a column");
            }
            charts = List.copyOf(charts);
        }

        static Plot of(String name, Chart<?, ?> chart) {
            return new Plot(name, chart.getTitle(), List.of(chart), 1);
        }

        /** Width of the PNG in pixels. */
        public int width() {
            return Math.min(columns, charts.size()) * charts.getFirst().getWidth();
        }

        /** Height of the PNG in pixels. */
        public int height() {
            int columnsUsed = Math.min(columns, charts.size());
            return (charts.size() + columnsUsed - 1) / columnsUsed * charts.getFirst().getHeight();
        }
    }

    /** The drift check's cost target, as in the README's benchmark table. */
    static final double DRIFT_CHECK_TARGET_MILLIS = 10;

    private BenchPlots() {
    }

    /** {@code detect --suite nab}: NAB score per profile and window precision, recall and F1, per detector. */
    public static List<Plot> nab(NabSuite.Report r) {
        List<String> detectors = names(r.detectors(), NabSuite.DetectorFigures::detector);
        Map<String, List<Double>> profiles = new LinkedHashMap<>();
        for (int p = 0; p < NabScorer.PROFILES.size(); p++) {
            int profile = p;
            profiles.put(NabScorer.PROFILES.get(p).name(), values(r.detectors(), d -> d.nab().get(profile).normalisedScore()));
        }
        Map<String, List<Double>> windows = new LinkedHashMap<>();
        windows.put("precision", values(r.detectors(), d -> 100 * d.windowPrecision()));
        windows.put("recall", values(r.detectors(), d -> 100 * d.windowRecall()));
        windows.put("F1", values(r.detectors(), d -> 100 * d.windowF1()));
        return List.of(
                Plot.of("scores", Charts.bars("NAB score per profile (100 = perfect, 0 = null detector)", "detector",
                        "normalised NAB score", detectors, profiles)),
                Plot.of("windows", Charts.bars("Anomaly windows: alarm precision, window recall and F1", "detector", "%",
                        detectors, windows)));
    }

    /**
     * {@code detect --suite bgp}: precision and recall per test event with labelled anomalies, median detection
     * delay per event, and the calibrated-score distribution of normal and anomalous test rows per detector.
     */
    public static List<Plot> bgp(BgpSuite.Report r) {
        List<String> events = new ArrayList<>(new TreeSet<>(r.detectors().stream().flatMap(d -> d.events().stream())
                .filter(e -> e.confusion().truePositives() + e.confusion().falseNegatives() > 0)
                .map(BgpSuite.EventFigures::event).toList()));
        Map<String, List<Double>> precision = new LinkedHashMap<>();
        Map<String, List<Double>> recall = new LinkedHashMap<>();
        Map<String, List<Double>> delay = new LinkedHashMap<>();
        for (BgpSuite.DetectorFigures d : r.detectors()) {
            precision.put(d.detector(), perEvent(events, d.events(), BgpSuite.EventFigures::event, e -> 100 * e.precision()));
            recall.put(d.detector(), perEvent(events, d.events(), BgpSuite.EventFigures::event, e -> 100 * e.recall()));
            delay.put(d.detector(), perEvent(events, d.delays(), BgpSuite.EventDelay::event,
                    e -> e.medianDelayMinutes() == null ? Double.NaN : e.medianDelayMinutes()));
        }
        List<Chart<?, ?>> distributions = new ArrayList<>();
        double[] bins = IntStream.range(0, BgpSuite.SCORE_BINS).mapToDouble(i -> (i + 0.5) / BgpSuite.SCORE_BINS).toArray();
        for (BgpSuite.DetectorFigures d : r.detectors()) {
            XYChart chart = Charts.xy(d.detector(), "calibrated score (0.5 = threshold)", "share of rows");
            chart.getStyler().setXAxisDecimalPattern("0.0#");
            Charts.line(chart, "normal rows", bins, shares(d.scores().normal()));
            Charts.line(chart, "anomalous rows", bins, shares(d.scores().anomalous()));
            distributions.add(chart);
        }
        if (distributions.isEmpty()) {
            distributions.add(Charts.placeholderIfEmpty(Charts.xy("Score distribution", "score", "share"), "no detector"));
        }
        return List.of(
                new Plot("events", "Precision and recall per test event", List.of(
                        Charts.bars("Precision per test event", "event", "%", events, precision),
                        Charts.bars("Recall per test event", "event", "%", events, recall)), 2),
                Plot.of("delay", Charts.bars("Detection delay per test event (median over its peers' files; none: never detected)",
                        "event", "minutes", events, delay)),
                new Plot("scores", "Score distribution of normal and anomalous test rows", distributions, 2));
    }

    /** {@code detect --suite bgp} (leave-one-event-out): F1 and FPR per held-out event, per dataset, fused output beside the detectors. */
    public static List<Plot> bgpLoeo(BgpLoeo.Report r) {
        List<Plot> plots = new ArrayList<>();
        for (BgpLoeo.DatasetReport d : r.datasets()) {
            Map<String, List<Double>> f1 = new LinkedHashMap<>();
            Map<String, List<Double>> fpr = new LinkedHashMap<>();
            for (BgpLoeo.DetectorResult det : d.detectors()) {
                f1.put(det.detector(), perEvent(d.anomalyEvents(), det.events(), BgpLoeo.EventResult::event, e -> 100 * e.f1()));
                fpr.put(det.detector(), perEvent(d.anomalyEvents(), det.events(), BgpLoeo.EventResult::event, e -> 100 * e.falsePositiveRate()));
            }
            String slug = d.dataset().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            plots.add(new Plot(slug + "-events", d.dataset() + ": held-out events", List.of(
                    Charts.bars(d.dataset() + ": F1 per held-out event", "event", "%", d.anomalyEvents(), f1),
                    Charts.bars(d.dataset() + ": FPR per held-out event", "event", "%", d.anomalyEvents(), fpr)), 2));
        }
        return plots;
    }

    /**
     * {@code detect --suite synthetic}: ROC and PR curves, precision, recall and FPR of each detector side by side, and
     * recall per injected kind (with the what-if classifier).
     */
    public static List<Plot> synthetic(SyntheticSuite.Report r) {
        Map<String, List<double[]>> roc = new LinkedHashMap<>();
        Map<String, List<double[]>> pr = new LinkedHashMap<>();
        r.detectors().forEach(d -> {
            roc.put(String.format("%s (AUC %.3f)", d.detector(), d.rocAuc()), d.roc());
            pr.put(d.detector(), d.pr());
        });
        XYChart rocChart = Charts.curves(Charts.xy("ROC curves on the test days", "false-positive rate", "true-positive rate"), roc);
        Charts.referenceLine(rocChart, "chance", new double[] {0, 1}, new double[] {0, 1});
        List<String> metrics = List.of("precision", "recall", "false-positive rate");
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        r.detectors().forEach(d -> bars.put(d.detector(),
                List.of(100 * d.precision(), 100 * d.recall(), 100 * d.falsePositiveRate())));
        List<String> kinds = TelemetrySimulator.KINDS;
        Map<String, List<Double>> recall = new LinkedHashMap<>();
        List<SyntheticSuite.DetectorFigures> withWhatIf = new java.util.ArrayList<>(r.detectors());
        if (r.whatIf() != null) {
            withWhatIf.add(r.whatIf());
        }
        withWhatIf.forEach(d -> recall.put(d == r.whatIf() ? d.detector() + " (what-if)" : d.detector(), kinds.stream()
                .map(k -> d.recallByKind().containsKey(k) ? 100 * d.recallByKind().get(k) : null).toList()));
        return List.of(
                Plot.of("roc", rocChart),
                Plot.of("pr", Charts.curves("Precision-recall curves on the test days", "recall", "precision", pr)),
                Plot.of("rates", Charts.bars("Precision, recall and false-positive rate on the test days",
                        "metric", "%", metrics, bars)),
                Plot.of("kinds", Charts.bars("Recall per injected anomaly kind on the test days", "kind", "%", kinds, recall)));
    }

    /** {@code bench drift}: F1 and false-positive rate per block of windows for each strategy, the shift marked. */
    public static List<Plot> drift(DriftSuite.Report r) {
        DriftSuite.Options o = r.options();
        // Each block is drawn at its middle window.
        double[] x = IntStream.range(0, r.blocks().size()).mapToDouble(b -> {
            int from = o.trainWindows() + b * o.blockWindows();
            return (from + Math.min(o.windows(), from + o.blockWindows()) - 1) / 2.0;
        }).toArray();
        XYChart f1 = Charts.xy("F1 per block of " + o.blockWindows() + " windows", "window", "F1 %");
        XYChart fpr = Charts.xy("False-positive rate per block of " + o.blockWindows() + " windows", "window", "false-positive rate %");
        double fprTop = 0;
        for (DriftSuite.StrategyFigures s : r.strategies()) {
            double[] fprs = s.falsePositiveRatePerBlock().stream().mapToDouble(v -> 100 * v).toArray();
            f1.addSeries(s.strategy(), x, s.f1PerBlock().stream().mapToDouble(v -> 100 * v).toArray());
            fpr.addSeries(s.strategy(), x, fprs);
            fprTop = Math.max(fprTop, Arrays.stream(fprs).max().orElse(0));
        }
        String shift = "regime shift (window " + o.shiftWindow() + ")";
        Charts.verticalMarker(f1, shift, o.shiftWindow(), 0, 100);
        Charts.verticalMarker(fpr, shift, o.shiftWindow(), 0, Math.max(fprTop, 100 * r.targetFalsePositiveRate()));
        Charts.horizontalMarker(fpr, String.format("model's target rate (%.1f%%)", 100 * r.targetFalsePositiveRate()),
                100 * r.targetFalsePositiveRate(), o.trainWindows(), o.windows());
        return List.of(Plot.of("f1", f1), Plot.of("fpr", fpr));
    }

    /** {@code bench throughput}: events per second through the apps next to the broker's rates, and latency percentiles. */
    public static List<Plot> throughput(ThroughputReport r) {
        Map<String, List<Double>> rates = Map.of("records/s", List.of(r.eventsPerSecond(), r.events() / r.feedSendSeconds(),
                r.broker().produceRecordsPerSecond(), r.broker().consumeRecordsPerSecond()));
        Map<String, List<Double>> latency = new LinkedHashMap<>();
        latency.put("window close -> score", percentiles(r.windowToScore()));
        latency.put("window close -> alert", percentiles(r.windowToAlert()));
        return List.of(
                Plot.of("rates", Charts.bars("Events per second: Vigil's five apps and the broker alone", "", "records per second",
                        List.of("Vigil end to end", "feed send", "broker produce", "broker consume"), rates)),
                Plot.of("latency", Charts.bars("Window-to-result latency", "percentile", "ms", List.of("p50", "p95", "max"), latency)));
    }

    /** {@code bench aggregate}: BGP updates per second through the aggregator and the broker alone. */
    public static List<Plot> aggregate(AggregatorBenchmark.Result r) {
        return List.of(Plot.of("rates", Charts.bars("BGP updates per second: aggregator and the broker alone", "",
                "updates per second", List.of("aggregator end to end", "broker produce", "broker consume"),
                Map.of("updates/s", List.of(r.aggregateRate(), r.produceRate(), r.consumeRate())))));
    }

    /** {@code bench score}: scoring latency percentiles per detector. */
    public static List<Plot> score(ScoringBenchmark.Result r) {
        List<String> detectors = new ArrayList<>(r.perDetector().keySet());
        detectors.add("all, per vector");
        List<ScoringBenchmark.Latency> latencies = new ArrayList<>(r.perDetector().values());
        latencies.add(r.perVector());
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        bars.put("p50", values(latencies, ScoringBenchmark.Latency::p50));
        bars.put("p99", values(latencies, ScoringBenchmark.Latency::p99));
        return List.of(Plot.of("latency", Charts.bars(String.format("Scoring latency (%,.0f vectors/s overall)", r.vectorsPerSecond()),
                "detector", "microseconds", detectors, bars)));
    }

    /** {@code bench retrain}: training time per detector type and number of rows. */
    public static List<Plot> retrain(RetrainBenchmark.Result r) {
        List<String> detectors = new ArrayList<>(r.trainingSeconds().keySet());
        TreeSet<Integer> sizes = new TreeSet<>();
        r.trainingSeconds().values().forEach(m -> sizes.addAll(m.keySet()));
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        for (int size : sizes) {
            bars.put(String.format("%,d rows", size), values(detectors, d -> r.trainingSeconds().get(d).getOrDefault(size, Double.NaN)));
        }
        return List.of(Plot.of("training", Charts.bars("Training time on the labelled BGP set", "detector", "seconds", detectors, bars)));
    }

    /** {@code bench drift-check}: cost of one drift check, against the 10 ms target. */
    public static List<Plot> driftCheck(DriftCheckBenchmark.Result check, DriftBenchmark.Report sketches) {
        List<Double> millis = List.of(check.millisPerCheck(), sketches.check().meanMillis(), sketches.check().p99Millis(),
                sketches.check().cpuMillis(), sketches.check().meanMillisWithDecoding());
        CategoryChart chart = Charts.bars(String.format("One drift check of %d features (line: %.0f ms target)", check.features(),
                        DRIFT_CHECK_TARGET_MILLIS), "", "ms",
                List.of("drift monitor check", "sketches: mean", "sketches: p99", "sketches: CPU", "sketches: with decoding"),
                Map.of("ms", millis));
        chart.addAnnotation(new AnnotationLine(DRIFT_CHECK_TARGET_MILLIS, false, false));
        // The target line is drawn only inside the axis: keep it in view when every check is far below it.
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.1 * Math.max(DRIFT_CHECK_TARGET_MILLIS,
                millis.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(0)));
        return List.of(Plot.of("check", chart));
    }

    /** {@code bench models}: training time per detector type and size, and single-thread scoring rate. */
    public static List<Plot> models(ModelBenchmark.Report r) {
        List<String> algorithms = r.training().stream().map(ModelBenchmark.TrainingTime::algorithm).distinct().toList();
        TreeSet<Integer> sizes = new TreeSet<>(r.training().stream().map(ModelBenchmark.TrainingTime::samples).toList());
        Map<String, List<Double>> training = new LinkedHashMap<>();
        for (int size : sizes) {
            training.put(String.format("%,d rows", size), values(algorithms, a -> r.training().stream()
                    .filter(t -> t.algorithm().equals(a) && t.samples() == size)
                    .mapToDouble(t -> t.time().toNanos() / 1e9).findFirst().orElse(Double.NaN)));
        }
        return List.of(new Plot("models", "Training time and scoring rate per detector type", List.of(
                Charts.bars("Training time", "detector", "seconds", algorithms, training),
                Charts.bars("Scoring, one thread", "detector", "vectors per second",
                        names(r.scoring(), ModelBenchmark.ScoringStats::detector),
                        Map.of("vectors/s", values(r.scoring(), ModelBenchmark.ScoringStats::vectorsPerSecond)))), 2));
    }

    private static <T> List<String> names(List<T> items, Function<T, String> name) {
        return items.stream().map(name).toList();
    }

    private static <T> List<Double> values(List<T> items, ToDoubleFunction<T> value) {
        return items.stream().map(i -> value.applyAsDouble(i)).toList();
    }

    /** The value of each category's item, NaN (no bar) where a category has none. */
    private static <T> List<Double> perEvent(List<String> categories, List<T> items, Function<T, String> category,
                                             ToDoubleFunction<T> value) {
        return values(categories, c -> items.stream().filter(i -> category.apply(i).equals(c)).mapToDouble(value)
                .findFirst().orElse(Double.NaN));
    }

    private static double[] shares(long[] counts) {
        long total = Arrays.stream(counts).sum();
        return Arrays.stream(counts).mapToDouble(c -> total == 0 ? 0 : (double) c / total).toArray();
    }

    private static List<Double> percentiles(ThroughputReport.Latency l) {
        return List.of(l.p50Millis(), l.p95Millis(), l.maxMillis());
    }
}
