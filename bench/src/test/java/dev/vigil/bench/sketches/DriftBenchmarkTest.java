package dev.vigil.bench.sketches;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's entry points work and measure what they say; no timing is asserted. */
class DriftBenchmarkTest {

    @Test
    void smallCheckRunsAndReportsItsShape() {
        DriftBenchmark.CheckCost cost = DriftBenchmark.checkCost(5, 300, 3);
        assertEquals(5, cost.features());
        assertEquals(3, cost.iterations());
        assertTrue(cost.meanMillis() > 0 && cost.p99Millis() >= cost.meanMillis() * 0.5);
    }

    @Test
    void sketchSizesStayUnderTheBudgetAndDecodedSketchesAreSmall() {
        DriftBenchmark.SketchSize size = DriftBenchmark.sketchSize();
        assertTrue(size.maxBytes() < 2048, "max " + size.maxBytes());
        assertTrue(size.minBytes() > 0 && size.minBytes() <= size.meanBytes() && size.meanBytes() <= size.maxBytes());
        assertTrue(size.heapBytesDecoded() < size.heapBytesWriting(), size.toString());
    }

    @Test
    void reportPrintsEveryFigure() {
        DriftBenchmark.Report report = new DriftBenchmark.Report(new DriftBenchmark.CheckCost(53, 10, 1.5, 2.5, 1.0, 1.7),
                new DriftBenchmark.SketchSize(500, 800, 1000, 70_000, 4_000), 4e6, 25);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("53 features: mean 1.500 ms"), text);
        assertTrue(text.contains("max 1000 bytes"), text);
        assertTrue(text.contains("4.0 million values per second"), text);
    }
}
