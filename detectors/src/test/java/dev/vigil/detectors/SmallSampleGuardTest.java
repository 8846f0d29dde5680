package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.schemas.FeatureNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request statistics of small windows, as the adaptive detector judges them. */
class SmallSampleGuardTest {
    private static final List<String> NAMES = FeatureNames.TELEMETRY_SERVICE;

    private static double[] window(double requests, double errorRate, double p50, double p95, double p99) {
        return new double[] {requests, errorRate, p50, p95, p99, 0.0, 0.5, 0.5, 0.2, 0.9};
    }

    private static double change(double requests, double previous) {
        double[] w = window(requests, 0, 40, 60, 60);
        w[5] = (requests - previous) / Math.max(previous, 1); // as the aggregator computes it
        return SmallSampleGuard.apply(NAMES, w)[5];
    }

    @Test
    void aQuietServicesCountGoingFromTenToOneAndBackIsNoRecordWhileABusyServicesDropStays() {
        // ln((count + 10) / (previous + 10)), as the trained detectors read it.
        assertEquals(Math.log(11 / 20.0), change(1, 10), 1e-12, "ten requests to one: -90 % raw");
        assertEquals(Math.log(18 / 11.0), change(8, 1), 1e-12, "one to eight: +700 % raw");
        assertEquals(Math.log(30 / 210.0), change(20, 200), 1e-12, "a busy service's drop to a tenth keeps most of its size");
        assertEquals(-change(20, 200), change(200, 20), 1e-12, "and the way back reads as far");
        assertEquals(Math.log(15 / 10.0), change(5, 0), 1e-12, "from no request (raw change = count)");
        assertEquals(0.0, change(7, 7), 1e-12);
        assertEquals(-1.0, change(0, 30), 1e-12, "no request: the previous count is unknown, the change stays -1");
        assertTrue(change(8, 1) < 0.1 * ((8 - 1) / 1.0), "the night's swing shrinks by more than ten times");
    }

    @Test
    void oneErrorAmongAFewRequestsIsNoSpikeWhileAnErrorBurstStaysOne() {
        double oneOfFour = SmallSampleGuard.apply(NAMES, window(4, 0.25, 40, 60, 60))[1];
        double threeOfEight = SmallSampleGuard.apply(NAMES, window(8, 0.375, 40, 60, 60))[1];
        double fourteenOfSixty = SmallSampleGuard.apply(NAMES, window(60, 14 / 60.0, 40, 60, 60))[1];
        assertEquals(1 / 14.0, oneOfFour, 1e-12);
        assertEquals(3 / 18.0, threeOfEight, 1e-12);
        assertEquals(14 / 70.0, fourteenOfSixty, 1e-12);
        assertTrue(threeOfEight > 2 * oneOfFour, "a burst stands well clear of a single error");
    }

    @Test
    void latencyIsJudgedByItsMedianWhateverTheWindowsSize() {
        assertArrayEquals(window(20, 0, 80, 80, 80), SmallSampleGuard.apply(NAMES, window(20, 0, 80, 300, 350)),
                "20 requests: the 95th and 99th percentiles are the slowest request");
        assertArrayEquals(window(500, 0, 80, 80, 80), SmallSampleGuard.apply(NAMES, window(500, 0, 80, 150, 400)),
                "500 requests: the real tail, which small windows of the same service cannot show");
    }

    @Test
    void aLatencySpikeStillShowsInTheMedianOfASmallWindow() {
        double[] quiet = SmallSampleGuard.apply(NAMES, window(6, 0, 80, 120, 120));
        double[] spike = SmallSampleGuard.apply(NAMES, window(6, 0, 600, 1200, 1200));
        for (int i = 2; i <= 4; i++) {
            assertTrue(spike[i] > 5 * quiet[i], NAMES.get(i));
        }
    }

    @Test
    void vectorsWithoutARequestCountPassUnchanged() {
        double[] metric = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, SmallSampleGuard.apply(FeatureNames.TELEMETRY_METRIC, metric));
    }
}
