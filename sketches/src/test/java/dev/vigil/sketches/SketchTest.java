package dev.vigil.sketches;

import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SketchTest {

    private static final int MAX_BYTES = 2048;

    @Test
    void tracksCountBoundsAndIntegrality() {
        Sketch sketch = new Sketch();
        assertTrue(sketch.isEmpty());
        assertTrue(Double.isNaN(sketch.quantile(0.5)));
        assertTrue(Double.isNaN(sketch.min()));
        sketch.addAll(3, -1, 7);
        assertEquals(3, sketch.count());
        assertEquals(-1, sketch.min());
        assertEquals(7, sketch.max());
        assertTrue(sketch.isIntegerValued());
        sketch.add(0.5);
        assertFalse(sketch.isIntegerValued());
    }

    @Test
    void smallIntegerDataIsExact() {
        Sketch sketch = Sketch.of(1, 1, 2, 3, 3, 3);
        assertEquals(2.0 / 6, sketch.cdf(1), 1e-12);
        assertEquals(2.0 / 6, sketch.cdf(1.9), 1e-12);
        assertEquals(3.0 / 6, sketch.cdf(2), 1e-12);
        assertEquals(0, sketch.cdf(0.99), 1e-12);
        assertEquals(1, sketch.cdf(3), 1e-12);
        assertEquals(1, sketch.quantile(2.0 / 6), 1e-12);
        assertEquals(2, sketch.quantile(0.4), 1e-12);
        assertEquals(3, sketch.quantile(0.51), 1e-12);
    }

    @Test
    void rejectsNonFiniteValues() {
        Sketch sketch = new Sketch();
        assertThrows(IllegalArgumentException.class, () -> sketch.add(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> sketch.add(Double.POSITIVE_INFINITY));
        assertTrue(sketch.isEmpty());
    }

    @Test
    void quantilesFollowTheData() {
        double[] values = new NormalDistribution(new Well19937c(1), 10, 2).sample(50_000);
        Sketch sketch = Sketch.of(values);
        double[] sorted = ExactStatistics.sorted(values);
        for (double p : new double[] {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) {
            assertEquals(ExactStatistics.quantile(sorted, p), sketch.quantile(p), 0.02, "quantile " + p);
            double x = ExactStatistics.quantile(sorted, p);
            assertEquals(ExactStatistics.ecdf(sorted, x), sketch.cdf(x), 0.003, "cdf at quantile " + p);
        }
    }

    @Test
    void mergingWindowsMatchesSketchingEverythingAtOnce() {
        double[] values = new LogNormalDistribution(new Well19937c(2), 0, 1).sample(40_000);
        List<Sketch> windows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            windows.add(Sketch.of(Arrays.copyOfRange(values, i * 1000, (i + 1) * 1000)));
        }
        Sketch merged = Sketch.mergeAll(windows);
        Sketch whole = Sketch.of(values);

        assertEquals(40_000, merged.count());
        assertEquals(whole.min(), merged.min());
        assertEquals(whole.max(), merged.max());
        assertTrue(DriftStatistics.compare(whole, merged).ks() < 0.005);

        Sketch incremental = new Sketch();
        windows.forEach(incremental::merge);
        assertEquals(40_000, incremental.count());
        assertTrue(DriftStatistics.compare(whole, incremental).ks() < 0.005);
        assertEquals(1000, windows.getFirst().count(), "merged sketches keep their content");
    }

    @Test
    void copyIsIndependent() {
        Sketch original = Sketch.of(1, 2, 3);
        Sketch copy = original.copy();
        copy.add(100);
        assertEquals(3, original.count());
        assertEquals(4, copy.count());
        assertEquals(3, original.max());
    }

    @Test
    void bytesRoundTripKeepsTheDistribution() {
        double[] values = new NormalDistribution(new Well19937c(3), 1e9, 5).sample(20_000);
        Sketch sketch = Sketch.of(values);
        Sketch decoded = Sketch.fromBytes(sketch.toBytes());

        assertEquals(sketch.count(), decoded.count());
        assertEquals(sketch.min(), decoded.min());
        assertEquals(sketch.max(), decoded.max());
        assertEquals(sketch.isIntegerValued(), decoded.isIntegerValued());
        // means are stored as float offsets from min, so a feature around 1e9 keeps its spread of units
        assertEquals(sketch.quantile(0.5), decoded.quantile(0.5), 1e-3);
        assertEquals(sketch.quantile(0.9) - sketch.quantile(0.1), decoded.quantile(0.9) - decoded.quantile(0.1), 1e-3);
        assertTrue(DriftStatistics.compare(sketch, decoded).ks() < 1e-4);
        assertEquals(sketch.centroidCount(), decoded.centroidCount(), "decoding keeps the centroids");
        assertArrayEquals(sketch.toBytes(), sketch.toBytes(), "an unchanged sketch encodes the same every time");

        decoded.add(1e9 + 100);
        assertEquals(sketch.count() + 1, decoded.count(), "a decoded sketch keeps accepting values");
        assertEquals(1e9 + 100, decoded.max());
    }

    @Test
    void emptyAndIntegerSketchesRoundTrip() {
        Sketch empty = Sketch.fromBytes(new Sketch().toBytes());
        assertTrue(empty.isEmpty());
        Sketch counts = Sketch.fromBytes(Sketch.of(0, 0, 1, 5, 5).toBytes());
        assertTrue(counts.isIntegerValued());
        assertEquals(0.4, counts.cdf(0), 1e-12);
        assertEquals(5, counts.count());
    }

    @Test
    void serialisedSizeStaysUnderTwoKilobytes() {
        Well19937c random = new Well19937c(4);
        int largest = 0;
        for (int n : new int[] {10, 1_000, 100_000, 1_000_000}) {
            Sketch sketch = Sketch.of(new LogNormalDistribution(random, 0, 2).sample(n));
            largest = Math.max(largest, sketch.toBytes().length);
        }
        // many merges of windows with very large counts: weights need the longest varints
        List<Sketch> windows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            windows.add(Sketch.of(new NormalDistribution(random, i * 0.01, 1).sample(20_000)));
        }
        Sketch merged = Sketch.mergeAll(windows);
        for (int i = 0; i < 5; i++) {
            merged = Sketch.mergeAll(List.of(merged, merged.copy(), merged.copy(), merged.copy()));
        }
        largest = Math.max(largest, merged.toBytes().length);
        assertTrue(merged.count() > 1_000_000_000 / 1000, "large counts reached");
        assertTrue(largest < MAX_BYTES, "largest sketch took " + largest + " bytes");
    }

    @Test
    void corruptBytesAreRejectedClearly() {
        byte[] good = Sketch.of(new NormalDistribution(new Well19937c(5), 0, 1).sample(1000)).toBytes();

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        assertMessage("checksum", assertThrows(SketchFormatException.class, () -> Sketch.fromBytes(flipped)));

        byte[] truncated = Arrays.copyOf(good, good.length - 10);
        assertThrows(SketchFormatException.class, () -> Sketch.fromBytes(truncated));

        byte[] foreign = "{\"not\": \"a sketch\"}".getBytes();
        assertMessage("magic", assertThrows(SketchFormatException.class, () -> Sketch.fromBytes(foreign)));

        byte[] future = good.clone();
        future[2] = 99;
        assertMessage("version", assertThrows(SketchFormatException.class, () -> Sketch.fromBytes(future)));

        assertThrows(SketchFormatException.class, () -> Sketch.fromBytes(new byte[0]));
        assertThrows(SketchFormatException.class, () -> Sketch.fromBytes(null));
    }

    private static void assertMessage(String expected, Exception e) {
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks " + expected);
    }

    @Test
    void centroidsWhoseMeanRoundsBelowTheMinimumSurviveARoundTrip() {
        // Merging centroids of one repeated value can round their mean a hair below the minimum.
        for (double value : new double[] {0.1, 0.7, 1.1, 3.3, 0.3333333333333333}) {
            Sketch sketch = new Sketch();
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < 20_000; i++) {
                sketch.add(random.nextInt(4) == 0 ? value + random.nextDouble() : value);
            }
            Sketch back = Sketch.fromBytes(Sketch.fromBytes(sketch.toBytes()).toBytes());
            org.junit.jupiter.api.Assertions.assertEquals(sketch.count(), back.count());
            org.junit.jupiter.api.Assertions.assertEquals(value, back.min());
        }
    }
}
