package dev.vigil.cli.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** XChart charts as the demo report and the benches draw them, rendered headless to PNG. */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 450;

    static {
        // Rendering needs no display; set before AWT initialises.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    public static XYChart xy(String title, String xTitle, String yTitle) {
        return xy(title, xTitle, yTitle, WIDTH, HEIGHT);
    }

    public static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    /** A line without markers. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /** Points only; nothing is added when there are none. */
    public static void scatter(XYChart chart, String name, List<?> x, List<? extends Number> y) {
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
    }

    /** A dashed grey vertical line from {@code yFrom} to {@code yTo} at {@code x}, named in the legend. */
    public static void verticalMarker(XYChart chart, String name, double x, double yFrom, double yTo) {
        referenceLine(chart, name, new double[] {x, x}, new double[] {yFrom, yTo});
    }

    /** A dashed grey horizontal line at {@code y} from {@code xFrom} to {@code xTo}, named in the legend. */
    public static void horizontalMarker(XYChart chart, String name, double y, double xFrom, double xTo) {
        referenceLine(chart, name, new double[] {xFrom, xTo}, new double[] {y, y});
    }

    /** A dashed grey line for a reference (a target, a chance level, a moment), named in the legend. */
    public static XYSeries referenceLine(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = line(chart, name, x, y);
        series.setLineColor(Color.GRAY);
        series.setLineStyle(SeriesLines.DASH_DASH);
        return series;
    }

    /** One chart of curves of (x, y) points, one series per name; says so when there are none. */
    public static XYChart curves(String title, String xTitle, String yTitle, Map<String, List<double[]>> curves) {
        return placeholderIfEmpty(curves(xy(title, xTitle, yTitle), curves), "no data");
    }

    /** Adds a line per non-empty curve. */
    public static XYChart curves(XYChart chart, Map<String, List<double[]>> curves) {
        curves.forEach((name, points) -> {
            if (!points.isEmpty()) {
                line(chart, name, points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
            }
        });
        return chart;
    }

    /** XChart cannot paint a chart without series: this adds one point named {@code text}. */
    public static XYChart placeholderIfEmpty(XYChart chart, String text) {
        if (chart.getSeriesCollection().isEmpty()) {
            chart.addSeries(text, new double[] {0}, new double[] {0});
        }
        return chart;
    }

    /**
     * Grouped bars: one group per category, one bar per series. A NaN or null value leaves its bar out (not
     * measured), a series without any value is left out; with nothing left the chart says "no data".
     */
    public static CategoryChart bars(String title, String xTitle, String yTitle, List<String> categories,
                                     Map<String, List<Double>> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
                .setLegendVisible(series.size() > 1);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        if (categories.stream().mapToInt(String::length).sum() > 90) {
            chart.getStyler().setXAxisLabelRotation(20);
        }
        series.forEach((name, values) -> {
            if (values.size() != categories.size()) {
                throw new IllegalArgumentException(name + ": " + values.size() + " values for " + categories.size() + " categories");
            }
            List<Double> bars = new ArrayList<>(values.size());
            values.forEach(v -> bars.add(v == null || v.isNaN() ? null : v));
            if (bars.stream().anyMatch(Objects::nonNull)) {
                chart.addSeries(name, categories, bars);
            }
        });
        if (chart.getSeriesCollection().isEmpty()) {
            chart.addSeries("no data", List.of("no data"), List.of(0));
        }
        return chart;
    }

    public static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Writes the charts side by side, {@code columns} to a row, into one PNG file; cells take the first chart's
     * size and an incomplete last row stays white (XChart's own grid needs a full one).
     */
    public static void writePng(Path file, List<? extends Chart<?, ?>> charts, int columns) throws IOException {
        if (charts.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("need at least one chart and one column");
        }
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        int width = charts.getFirst().getWidth();
        int height = charts.getFirst().getHeight();
        BufferedImage image = new BufferedImage(cols * width, rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), i % cols * width, i / cols * height, width, height, null);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
