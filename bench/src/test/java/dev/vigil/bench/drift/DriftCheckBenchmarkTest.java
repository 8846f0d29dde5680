package dev.vigil.bench.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark runs and its size target holds; its timings are printed by {@code vigil bench drift-check}. */
class DriftCheckBenchmarkTest {
    @Test
    void sketchesOfEveryShapeStayUnderTwoKilobytes() {
        DriftCheckBenchmark.Result result = DriftCheckBenchmark.run(3);
        assertEquals(53, result.features());
        assertTrue(result.maxSketchBytes() < 2048, result.toString());
        assertTrue(result.millisPerCheck() > 0 && result.microsPerVector() > 0, result.toString());
    }
}
