package dev.vigil.aggregator.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Telemetry features against values worked out by hand. */
class TelemetryFeaturesTest {

    @Test
    void serviceCountsErrorsAndThroughputChange() {
        ServiceWindowFeatures w = new ServiceWindowFeatures();
        w.add(10, false, 200);
        w.add(20, true, null);
        w.add(30, false, 503);
        w.add(40, false, 404);
        double[] v = w.values(Instant.parse("2026-01-05T06:00:00Z"), 2, 0);
        assertEquals(4, v[0]);
        assertEquals(0.5, v[1], "the error flag and the 503; a 404 is not an error");
        assertEquals(1.0, v[5], "(4 - 2) / 2");
        assertEquals(4.0, w.values(Instant.EPOCH, 0, 0)[5], "no previous window: (4 - 0) / max(0, 1)");
        assertEquals(-0.5, w.values(Instant.EPOCH, 8, 0)[5]);
    }

    @Test
    void latencyQuantilesComeFromTheDigestWithinItsAccuracy() {
        ServiceWindowFeatures w = new ServiceWindowFeatures();
        for (int ms = 1; ms <= 10_000; ms++) {
            w.add(ms, false, 200);
        }
        double[] v = ServiceWindowFeatures.decode(w.encode()).values(Instant.EPOCH, 0, 0);
        // Exact ranks of 1..10000: p50 5000.5, p95 9500.5, p99 9900.5; the digest is within a few ranks.
        assertEquals(5000.5, v[2], 5);
        assertEquals(9500.5, v[3], 5);
        assertEquals(9900.5, v[4], 5);
        ServiceWindowFeatures one = new ServiceWindowFeatures();
        one.add(7, false, null);
        assertArrayEquals(new double[] {7, 7, 7}, java.util.Arrays.copyOfRange(one.values(Instant.EPOCH, 0, 0), 2, 5));
    }

    @Test
    void aWindowRestoredFromItsBytesGoesOnAsTheOneThatStayedInMemory() {
        ServiceWindowFeatures live = new ServiceWindowFeatures();
        ServiceWindowFeatures restored = new ServiceWindowFeatures();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 1_000; i++) {
            double latency = 20 + 400 * random.nextDouble() * random.nextDouble();
            boolean error = random.nextInt(50) == 0;
            live.add(latency, error, 200);
            restored.add(latency, error, 200);
            if (i % 97 == 0) {
                restored = ServiceWindowFeatures.decode(restored.encode());
            }
        }
        assertArrayEquals(live.values(Instant.EPOCH, 900, 0), restored.values(Instant.EPOCH, 900, 0), 0.0);
    }

    @Test
    void theOlderEncodingOfAStoredWindowIsStillRead() {
        com.tdunning.math.stats.MergingDigest digest = new com.tdunning.math.stats.MergingDigest(ServiceWindowFeatures.COMPRESSION);
        for (int i = 1; i <= 10; i++) {
            digest.add(10 * i);
        }
        java.nio.ByteBuffer small = java.nio.ByteBuffer.allocate(digest.smallByteSize());
        digest.asSmallBytes(small);
        byte[] old = java.nio.ByteBuffer.allocate(16 + small.capacity()).putLong(10).putLong(2).put(small.array()).array();

        double[] v = ServiceWindowFeatures.decode(old).values(Instant.EPOCH, 10, 0);

        assertEquals(10, v[0]);
        assertEquals(0.2, v[1], 1e-12);
        assertEquals(digest.quantile(0.5), v[2], 1e-6);
    }

    @Test
    void seasonalityEncodesHourAndWeekday() {
        // 2026-01-05 is a Monday (day 0); 06:00 is a quarter of the day.
        double[] s = Seasonality.of(Instant.parse("2026-01-05T06:00:00Z"));
        assertArrayEquals(new double[] {1, 0, 0, 1}, s, 1e-12);
        // Sunday (day 6) 18:30: hour 18.5.
        double[] t = Seasonality.of(Instant.parse("2026-01-11T18:30:00Z"));
        assertEquals(Math.sin(2 * Math.PI * 18.5 / 24), t[0], 1e-12);
        assertEquals(Math.cos(2 * Math.PI * 18.5 / 24), t[1], 1e-12);
        assertEquals(Math.sin(2 * Math.PI * 6 / 7), t[2], 1e-12);
        assertEquals(Math.cos(2 * Math.PI * 6 / 7), t[3], 1e-12);
    }

    @Test
    void metricStatisticsAndSlope() {
        MetricWindowFeatures m = new MetricWindowFeatures();
        long start = 1_000_000;
        // Values 2, 4, 9 at 0 s, 10 s, 20 s, arriving out of order.
        m.add(start + 20_000, start, 9);
        m.add(start, start, 2);
        m.add(start + 10_000, start, 4);
        double[] v = MetricWindowFeatures.decode(m.encode()).values();
        assertEquals(5.0, v[0], 1e-12, "mean");
        assertEquals(2.0, v[1], "min");
        assertEquals(9.0, v[2], "max");
        assertEquals(9.0, v[3], "last = the latest timestamp, not the latest arrival");
        // Population variance: ((2-5)^2 + (4-5)^2 + (9-5)^2) / 3 = 26/3.
        assertEquals(Math.sqrt(26.0 / 3), v[4], 1e-12, "std");
        // Slope: t = 0, 10, 20; y = 2, 4, 9: (3*260 - 30*15) / (3*500 - 900) = 330 / 600 = 0.35 per second.
        assertEquals(0.35, v[5], 1e-12, "slope");
        MetricWindowFeatures single = new MetricWindowFeatures();
        single.add(start, start, 3);
        assertArrayEquals(new double[] {3, 3, 3, 3, 0, 0}, single.values());
    }
}
