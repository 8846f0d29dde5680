package dev.vigil.sketches;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureSketchesTest {

    private static List<double[]> vectors(int n, double shift) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new double[] {i % 100 + shift, (i * 7) % 13, i % 50 == 0 ? Double.NaN : i % 3});
        }
        return rows;
    }

    @Test
    void sketchesEachColumnAndSkipsNonFiniteValues() {
        FeatureSketches sketches = FeatureSketches.of(List.of("bytes", "peers", "ratio"), vectors(1000, 0));
        assertEquals(List.of("bytes", "peers", "ratio"), sketches.featureNames());
        assertEquals(1000, sketches.get("bytes").count());
        assertEquals(980, sketches.get("ratio").count());
        assertEquals(20, sketches.skippedValues());
        assertEquals(49.5, sketches.get("bytes").quantile(0.5), 1.0);
        assertThrows(IllegalArgumentException.class, () -> sketches.add(new double[] {1, 2}));
    }

    @Test
    void bytesRoundTripAndNameTheDamagedFeature() {
        FeatureSketches sketches = FeatureSketches.of(List.of("a", "b", "c"), vectors(500, 0));
        Map<String, byte[]> stored = sketches.toBytes();
        FeatureSketches decoded = FeatureSketches.fromBytes(stored);
        assertEquals(List.of("a", "b", "c"), decoded.featureNames());
        assertEquals(sketches.get("b").cdf(6), decoded.get("b").cdf(6), 1e-12);

        stored.get("b")[10] ^= 1;
        SketchFormatException e = assertThrows(SketchFormatException.class, () -> FeatureSketches.fromBytes(stored));
        assertTrue(e.getMessage().contains("feature b"), e.getMessage());
    }

    @Test
    void windowIsAssessedPerFeatureAgainstTheBaseline() {
        List<String> names = List.of("a", "b", "c");
        FeatureSketches baseline = FeatureSketches.of(names, vectors(2000, 0));
        FeatureSketches window = FeatureSketches.of(names, vectors(500, 30));
        List<FeatureDrift> drifts = baseline.assess(new DriftPolicy(), window);
        assertEquals(3, drifts.size());
        assertTrue(drifts.get(0).severity().atLeast(Severity.HIGH), drifts.get(0).reasons().toString());
        assertEquals(Severity.NONE, drifts.get(1).severity());

        FeatureSketches other = FeatureSketches.of(List.of("a", "x"), List.of(new double[] {1, 2}));
        List<FeatureDrift> partial = baseline.assess(new DriftPolicy(), other);
        assertFalse(partial.get(1).assessed(), "feature b is missing from the window");
        assertThrows(IllegalArgumentException.class, () -> baseline.merge(other));
    }

    @Test
    void windowsMergeIntoALongerHorizon() {
        List<String> names = List.of("a", "b", "c");
        FeatureSketches day = FeatureSketches.of(names, vectors(300, 0));
        day.merge(FeatureSketches.of(names, vectors(200, 0)));
        assertEquals(500, day.get("a").count());
        assertEquals(10, day.skippedValues());
    }
}
