package dev.vigil.sketches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayableDigestTest {
    private static final double[] QUANTILES = {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999};

    @Test
    void writingItOutAndReadingItBackAtAnyPointChangesNoQuantile() {
        Random random = new Random(11);
        double[] values = random.doubles(5_000).map(v -> Math.exp(3 * v) * 40).toArray();
        ReplayableDigest undisturbed = new ReplayableDigest(100);
        ReplayableDigest restored = new ReplayableDigest(100);
        for (int i = 0; i < values.length; i++) {
            undisturbed.add(values[i]);
            restored.add(values[i]);
            if (random.nextInt(37) == 0) {
                restored = roundTrip(restored);
            }
            if (i % 500 == 499 || i < 3) {
                // reading a quantile mid-way must not change what comes after either
                assertEquals(undisturbed.quantile(0.5), restored.quantile(0.5), 0.0, "after " + (i + 1) + " values");
            }
        }
        for (double q : QUANTILES) {
            assertEquals(undisturbed.quantile(q), restored.quantile(q), 0.0, "q=" + q);
        }
        assertEquals(undisturbed.count(), restored.count());
    }

    @Test
    void fewerValuesThanABatchGiveExactQuantilesOfTheValues() {
        ReplayableDigest d = new ReplayableDigest(100);
        for (double v : new double[] {5, 1, 3, 2, 4}) {
            d.add(v);
        }
        assertEquals(1.0, d.quantile(0.0), 1e-12);
        assertEquals(5.0, d.quantile(1.0), 1e-12);
        assertEquals(3.0, roundTrip(d).quantile(0.5), 1e-12);
    }

    @Test
    void manyValuesStayWithinAPercentOfTheExactQuantiles() {
        Random random = new Random(5);
        double[] values = random.doubles(200_000).map(v -> 20 + 300 * v * v).toArray();
        ReplayableDigest d = new ReplayableDigest(100);
        Arrays.stream(values).forEach(d::add);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double q : QUANTILES) {
            double exact = sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
            double rankOfEstimate = Arrays.binarySearch(sorted, d.quantile(q));
            double rank = (rankOfEstimate < 0 ? -rankOfEstimate - 1 : rankOfEstimate) / sorted.length;
            assertTrue(Math.abs(rank - q) < 0.01, "q=" + q + ": estimate " + d.quantile(q) + " (rank " + rank + "), exact " + exact);
        }
    }

    @Test
    void anEmptyDigestHasNoQuantile() {
        assertTrue(Double.isNaN(roundTrip(new ReplayableDigest(100)).quantile(0.5)));
    }

    @Test
    void damagedBytesAreRefusedWithAClearError() {
        ReplayableDigest d = new ReplayableDigest(100);
        for (int i = 0; i < 300; i++) {
            d.add(i);
        }
        ByteBuffer out = ByteBuffer.allocate(d.byteSize());
        d.writeTo(out);
        byte[] bytes = out.array();
        assertThrows(SketchFormatException.class, () -> ReplayableDigest.readFrom(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 9))));
        byte[] badFormat = bytes.clone();
        badFormat[3] = 9;
        assertThrows(SketchFormatException.class, () -> ReplayableDigest.readFrom(ByteBuffer.wrap(badFormat)));
    }

    private static ReplayableDigest roundTrip(ReplayableDigest d) {
        ByteBuffer out = ByteBuffer.allocate(d.byteSize());
        d.writeTo(out);
        assertEquals(0, out.remaining(), "byteSize is exact");
        out.flip();
        return ReplayableDigest.readFrom(out);
    }
}
