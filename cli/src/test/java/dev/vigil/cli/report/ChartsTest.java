package dev.vigil.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @Test
    void barsLeaveUnmeasuredValuesOutAndDropSeriesWithoutAny() {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("a", Arrays.asList(1.0, Double.NaN, 3.0));
        series.put("b", Arrays.asList(Double.NaN, null, Double.NaN));
        CategoryChart chart = Charts.bars("t", "x", "y", List.of("p", "q", "r"), series);
        assertEquals(List.of("a"), names(chart));
        assertArrayEquals(new double[] {1.0, Double.NaN, 3.0}, chart.getSeries("a").getYData()); // NaN: no bar
    }

    @Test
    void barsWithNothingToShowSaySo() {
        assertEquals(List.of("no data"), names(Charts.bars("t", "x", "y", List.of(), Map.of())));
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("t", "x", "y", List.of("p"), Map.of("a", List.of(1.0, 2.0))));
    }

    @Test
    void aGridOfChartsIsOnePngOfTheirCombinedSize(@TempDir Path tmp) throws IOException {
        XYChart a = Charts.xy("a", "x", "y");
        Charts.line(a, "line", new double[] {0, 1, 2}, new double[] {1, 0, 2});
        XYChart b = Charts.placeholderIfEmpty(Charts.xy("b", "x", "y"), "nothing");
        CategoryChart c = Charts.bars("c", "x", "y", List.of("p"), Map.of("s", List.of(2.0)));
        Path file = tmp.resolve("grid.png");

        Charts.writePng(file, List.of(a, b, c), 2);

        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image);
        assertArrayEquals(new int[] {2 * Charts.WIDTH, 2 * Charts.HEIGHT}, new int[] {image.getWidth(), image.getHeight()});
        assertEquals(List.of("nothing"), names(b));
    }

    private static List<String> names(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        return chart.getSeriesCollection().stream().map(org.knowm.xchart.internal.series.Series::getName).toList();
    }
}
