package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.bench.aggregator.AggregatorBenchmark;
import dev.vigil.bench.detectors.ScoringBenchmark;
import dev.vigil.bench.drift.DriftCheckBenchmark;
import dev.vigil.bench.models.ModelBenchmark;
import dev.vigil.bench.retrainer.RetrainBenchmark;
import dev.vigil.bench.sketches.DriftBenchmark;
import dev.vigil.cli.report.Charts;
import dev.vigil.models.Algorithms;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Every bench's plots rendered from small hand-made results. */
class BenchPlotsTest {
    @TempDir
    Path dir;

    @Test
    void nabPlotsScoresPerProfileAndWindowFigures() throws IOException {
        NabSuite.Report report = new NabSuite.Report("nab", "out", 2, 1000, 3,
                List.of(nab("isolation-forest", 40, 30, 50, 0.5, 0.6), nab("rules", -5, -10, 3, 0.2, 0.1)), "configuration");

        List<BenchPlots.Plot> plots = BenchPlots.nab(report);

        assertPngs("detect-nab", plots, List.of("scores", "windows"), single(), single());
        CategoryChart scores = bars(plots.get(0));
        assertEquals(List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate"), names(scores));
        assertEquals(List.of(40.0, -5.0), y(scores.getSeries("standard")));
        assertEquals(List.of(60.0, 10.0), y(bars(plots.get(1)).getSeries("recall")));
    }

    @Test
    void bgpPlotsEventsWithLabelledAnomaliesAndLeavesUndetectedDelaysOut() throws IOException {
        BgpSuite.Report report = new BgpSuite.Report("ufam", List.of("a.csv"), List.of("b.csv", "c.csv", "d.csv"), 100, 300, "p.csv",
                List.of(bgp("isolation-forest", 12.0), bgp("rules", null)));

        List<BenchPlots.Plot> plots = BenchPlots.bgp(report);

        assertPngs("detect-bgp", plots, List.of("events", "delay", "scores"), new int[] {2, 1}, single(), new int[] {2, 1});
        CategoryChart precision = (CategoryChart) plots.get(0).charts().get(0);
        // The regular period has no anomalous rows: no precision or recall to show.
        assertEquals(List.of("nimda", "slammer"), new ArrayList<>(precision.getSeries("rules").getXData()));
        assertEquals(List.of(50.0, 80.0), y(precision.getSeries("rules")));
        CategoryChart delay = bars(plots.get(1));
        assertEquals(List.of(12.0, 3.0), y(delay.getSeries("isolation-forest")));
        assertEquals(Arrays.asList(null, 3.0), y(delay.getSeries("rules"))); // never detected nimda
        XYSeries anomalous = ((XYChart) plots.get(2).charts().get(0)).getSeries("anomalous rows");
        assertEquals(0.75, anomalous.getYData()[BgpSuite.SCORE_BINS - 1], 1e-12);
    }

    @Test
    void syntheticPlotsCurvesRatesAndRecallPerKind() throws IOException {
        List<double[]> roc = List.of(new double[] {0, 0}, new double[] {0.1, 0.8}, new double[] {1, 1});
        List<double[]> pr = List.of(new double[] {0.5, 1}, new double[] {0.8, 0.7}, new double[] {1, 0.1});
        SyntheticSuite.DetectorFigures whatIf = new SyntheticSuite.DetectorFigures(SyntheticSuite.WHAT_IF, "validation",
                new Confusion(5, 0, 45, 0), 1, 1, 0, 1, 1, 0.01, 0.05, 0.2, Map.of("traffic-drop", 1.0), roc, pr);
        SyntheticSuite.Report report = new SyntheticSuite.Report(7, 100, 40, 50, 5, List.of(
                new SyntheticSuite.DetectorFigures("rules", "own", new Confusion(4, 2, 43, 1), 0.667, 0.8, 0.044, 0.727, 0.91,
                        0.01, 0.05, 0.2, Map.of("traffic-drop", 0.25, "combined", 1.0), roc, pr),
                new SyntheticSuite.DetectorFigures("classifier", "validation", new Confusion(0, 0, 45, 5), 0, 0, 0, 0, Double.NaN,
                        0.01, 0.05, 0.2, Map.of(), List.of(), List.of())),
                new FusionChoice("max", Map.of("rules", 1.0), 0.5, 0.7), whatIf);

        List<BenchPlots.Plot> plots = BenchPlots.synthetic(report);

        assertPngs("detect-synthetic", plots, List.of("roc", "pr", "rates", "kinds"), single(), single(), single(), single());
        XYChart rocChart = (XYChart) plots.get(0).charts().getFirst();
        assertEquals(Set.of("rules (AUC 0.910)", "chance"), Set.copyOf(names(rocChart))); // no points, no curve
        CategoryChart rates = bars(plots.get(2));
        assertEquals(List.of("rules", "classifier"), names(rates)); // the detectors only: no outside reference
        assertEquals(List.of(66.7, 80.0, 4.4), y(rates.getSeries("rules")).stream().map(v -> Math.round(v * 10) / 10.0).toList());
        CategoryChart kinds = bars(plots.get(3));
        // The classifier has no recall of any kind to show; the what-if is named as such.
        assertEquals(List.of("rules", SyntheticSuite.WHAT_IF + " (what-if)"), names(kinds));
        assertEquals(Arrays.asList(null, null, null, 25.0, 100.0), y(kinds.getSeries("rules")));
    }

    @Test
    void driftPlotsPerBlockFiguresWithTheShiftMarked() throws IOException {
        DriftSuite.Options options = new DriftSuite.Options(30, 250, 16, 2, 0.03, 6, 8, 6, 4, Algorithms.ISOLATION_FOREST);
        List<String> blocks = List.of("6-9", "10-13", "14-17", "18-21", "22-25", "26-29");
        DriftSuite.Report report = new DriftSuite.Report(11, options, 0.01, blocks, List.of(
                strategy("frozen", List.of(0.8, 0.8, 0.5, 0.2, 0.2, 0.2), List.of(0.01, 0.01, 0.2, 0.4, 0.4, 0.4)),
                strategy("drift-triggered", List.of(0.8, 0.8, 0.6, 0.7, 0.8, 0.8), List.of(0.01, 0.01, 0.1, 0.02, 0.01, 0.01))));

        List<BenchPlots.Plot> plots = BenchPlots.drift(report);

        assertPngs("drift", plots, List.of("f1", "fpr"), single(), single());
        XYChart f1 = (XYChart) plots.get(0).charts().getFirst();
        assertArrayEquals(new double[] {7.5, 11.5, 15.5, 19.5, 23.5, 27.5}, f1.getSeries("frozen").getXData(), 1e-12);
        assertArrayEquals(new double[] {16, 16}, f1.getSeries("regime shift (window 16)").getXData(), 1e-12);
        XYChart fpr = (XYChart) plots.get(1).charts().getFirst();
        assertArrayEquals(new double[] {0, 40}, fpr.getSeries("regime shift (window 16)").getYData(), 1e-9);
        assertNotNull(fpr.getSeries("model's target rate (1.0%)"));
    }

    @Test
    void throughputPlotsRatesAndOnlyTheLatenciesMeasured() throws IOException {
        ThroughputReport report = new ThroughputReport(10_000, 6_000, 4_000, 2.0, 5_000, 1.0,
                new ThroughputReport.BrokerRates(10_000, 200, 80_000, 15, 120_000, 22), 400, 800, 10, 3,
                new ThroughputReport.Latency(380, 120, 400, 900), new ThroughputReport.Latency(0, Double.NaN, Double.NaN, Double.NaN),
                Map.of("bgp-peer", 2L), new ThroughputReport.Heap(50, Map.of("aggregator", 30L), 400, 200, 2048, "one JVM"), "setup",
                Map.of("vigil-aggregator", 0.8, "vigil-ensemble", 2.0), 20_000);
        assertEquals(0.25, report.endToEndShareOfAggregatorAlone(), 1e-9);

        List<BenchPlots.Plot> plots = BenchPlots.throughput(report);

        assertPngs("throughput", plots, List.of("rates", "latency"), single(), single());
        assertEquals(List.of(5_000.0, 10_000.0, 80_000.0, 120_000.0), y(bars(plots.get(0)).getSeriesCollection().iterator().next()));
        assertEquals(Set.of("window close -> score"), Set.copyOf(names(bars(plots.get(1)))));
    }

    @Test
    void theSmallerBenchesPlotTheirMainFigure() throws IOException {
        AggregatorBenchmark.Result aggregate = new AggregatorBenchmark.Result(AggregatorBenchmark.Options.defaults(), 40_000_000, 1_000_000, 90_000, 150_000, 40_000, 1 << 30, 1 << 28,
                1L << 31, 12.5, 0, java.util.Map.of(), java.util.Map.of());
        assertPngs("aggregate", BenchPlots.aggregate(aggregate), List.of("rates"), single());

        ScoringBenchmark.Result score = new ScoringBenchmark.Result(1000, 16, 20_000, 25_000, new ScoringBenchmark.Latency(40, 90, 300),
                Map.of("isolation-forest", new ScoringBenchmark.Latency(20, 50, 100)), List.of(3.0));
        List<BenchPlots.Plot> scorePlots = BenchPlots.score(score);
        assertPngs("score", scorePlots, List.of("latency"), single());
        assertEquals(List.of(50.0, 90.0), y(bars(scorePlots.getFirst()).getSeries("p99")));

        RetrainBenchmark.Result retrain = new RetrainBenchmark.Result(
                Map.of("rules", Map.of(10_000, 0.5, 100_000, 4.0)), Map.of("rules", Map.of(10_000, 0.9, 100_000, 7.0)), 3.0, 10_000);
        List<BenchPlots.Plot> retrainPlots = BenchPlots.retrain(retrain);
        assertPngs("retrain", retrainPlots, List.of("training"), single());
        assertEquals(Set.of("10,000 rows", "100,000 rows"), Set.copyOf(names(bars(retrainPlots.getFirst()))));

        DriftCheckBenchmark.Result check = new DriftCheckBenchmark.Result(53, 200, 2.5, 47, 3, 900, 1500, 6);
        DriftBenchmark.Report sketches = new DriftBenchmark.Report(new DriftBenchmark.CheckCost(53, 200, 2.1, 4.0, 2.0, 3.1),
                new DriftBenchmark.SketchSize(100, 900, 1500, 20_000, 8_000), 5e6, 12);
        assertPngs("drift-check", BenchPlots.driftCheck(check, sketches), List.of("check"), single());

        ModelBenchmark.Report models = new ModelBenchmark.Report(List.of(
                new ModelBenchmark.TrainingTime("rules", 10_000, 53, Duration.ofMillis(300), Duration.ofMillis(500)),
                new ModelBenchmark.TrainingTime("rules", 100_000, 53, Duration.ofSeconds(3), Duration.ofSeconds(5)),
                new ModelBenchmark.TrainingTime("classifier", 10_000, 53, Duration.ofSeconds(2), Duration.ofSeconds(4))),
                List.of(new ModelBenchmark.ScoringStats("rules", 50_000, 200_000, 210_000, 4, 9)));
        List<BenchPlots.Plot> modelPlots = BenchPlots.models(models);
        assertPngs("models", modelPlots, List.of("models"), new int[] {2, 1});
        CategoryChart training = (CategoryChart) modelPlots.getFirst().charts().getFirst();
        assertEquals(Arrays.asList(3.0, null), y(training.getSeries("100,000 rows")));
    }

    @Test
    void thePageShowsTheTableAndEveryPngAndTheIndexLinksEveryPage() throws IOException {
        BenchPage.write(dir, "aggregate", "rate <fast> & steady", BenchPlots.aggregate(
                new AggregatorBenchmark.Result(AggregatorBenchmark.Options.defaults(), 0, 10, 1, 2, 3, 4, 5, 6, 7, 8, java.util.Map.of(), java.util.Map.of())));
        Files.writeString(dir.resolve("aggregate.json"), "{}");
        BenchPage.write(dir, "score", "table", BenchPlots.score(new ScoringBenchmark.Result(1, 1, 1, 1,
                new ScoringBenchmark.Latency(1, 2, 3), Map.of(), List.of())));

        String page = Files.readString(dir.resolve("aggregate.html"));
        assertTrue(page.contains("<img src=\"aggregate-rates.png\""), page);
        assertTrue(page.contains("rate &lt;fast&gt; &amp; steady"), page);
        String index = Files.readString(dir.resolve("index.html"));
        assertTrue(index.contains("href=\"aggregate.html\"") && index.contains("href=\"score.html\""), index);
        assertTrue(index.contains("href=\"aggregate.json\"") && !index.contains("score.json"), index);
        assertFalse(index.contains("href=\"index.html\""), index);
    }

    /**
     * Writes the plots and checks every PNG: named {@code <bench>-<plot>.png}, a valid image of {@code grid}
     * columns by rows of charts of the default size, and not blank.
     */
    private void assertPngs(String bench, List<BenchPlots.Plot> plots, List<String> names, int[]... grids) throws IOException {
        assertEquals(names, plots.stream().map(BenchPlots.Plot::name).toList());
        List<Path> pngs = BenchPage.write(dir, bench, bench + " table", plots);
        assertEquals(names.stream().map(n -> dir.resolve(bench + "-" + n + ".png")).toList(), pngs);
        for (int i = 0; i < pngs.size(); i++) {
            assertTrue(Files.size(pngs.get(i)) > 0, pngs.get(i).toString());
            BufferedImage image = ImageIO.read(pngs.get(i).toFile());
            assertNotNull(image, pngs.get(i) + " is not an image");
            assertEquals(grids[i][0] * Charts.WIDTH, image.getWidth(), pngs.get(i).toString());
            assertEquals(grids[i][1] * Charts.HEIGHT, image.getHeight(), pngs.get(i).toString());
            assertTrue(colours(image) > 20, pngs.get(i) + " looks blank");
            assertTrue(Files.readString(dir.resolve(bench + ".html")).contains(pngs.get(i).getFileName().toString()));
        }
    }

    private static int[] single() {
        return new int[] {1, 1};
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static CategoryChart bars(BenchPlots.Plot plot) {
        return (CategoryChart) plot.charts().getFirst();
    }

    /** Bar heights; null where a bar is left out. */
    private static List<Double> y(CategorySeries series) {
        return Arrays.stream(series.getYData()).mapToObj(v -> Double.isNaN(v) ? null : v).toList();
    }

    private static NabSuite.DetectorFigures nab(String detector, double standard, double lowFp, double lowFn, double p, double r) {
        List<NabScorer.Result> results = List.of(new NabScorer.Result("standard", 0.5, 1, 0, 2, standard),
                new NabScorer.Result("reward_low_FP_rate", 0.5, 1, 0, 2, lowFp), new NabScorer.Result("reward_low_FN_rate", 0.5, 1, 0, 2, lowFn));
        return new NabSuite.DetectorFigures(detector, results, 10, 5, 2, 3, p, r, 2 * p * r / (p + r), List.of(), 1.0, results,
                List.of(), 0);
    }

    /** Two labelled events (the detector's slammer precision and recall are 80% and 60%) and a regular period. */
    private static BgpSuite.DetectorFigures bgp(String detector, Double nimdaDelay) {
        List<BgpSuite.EventFigures> events = List.of(BgpSuite.EventFigures.of("slammer", new Confusion(60, 15, 100, 40)),
                BgpSuite.EventFigures.of("nimda", new Confusion(5, 5, 80, 10)), BgpSuite.EventFigures.of("regular", new Confusion(0, 3, 97, 0)));
        List<BgpSuite.EventDelay> delays = List.of(new BgpSuite.EventDelay("slammer", 2, 2, 3.0),
                new BgpSuite.EventDelay("nimda", 1, nimdaDelay == null ? 0 : 1, nimdaDelay));
        long[] normal = new long[BgpSuite.SCORE_BINS];
        long[] anomalous = new long[BgpSuite.SCORE_BINS];
        normal[2] = 250;
        anomalous[5] = 10;
        anomalous[BgpSuite.SCORE_BINS - 1] = 30;
        Confusion total = new Confusion(65, 23, 277, 50);
        return new BgpSuite.DetectorFigures(detector, total, total.precision(), total.recall(), total.f1(), total.falsePositiveRate(),
                delays, events, new BgpSuite.ScoreHistogram(normal, anomalous), 0.4);
    }

    private static DriftSuite.StrategyFigures strategy(String name, List<Double> f1, List<Double> fpr) {
        Confusion c = new Confusion(1, 1, 1, 1);
        return new DriftSuite.StrategyFigures(name, 1, List.of(17), 2, 0, c, c, 0.01, 0.2, 0.8, 0.5, 0.6, 3, f1, fpr, 0.5, 0.01);
    }

    private static List<String> names(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        return chart.getSeriesCollection().stream().map(org.knowm.xchart.internal.series.Series::getName).toList();
    }
}
