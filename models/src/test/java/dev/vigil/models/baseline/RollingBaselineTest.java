package dev.vigil.models.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingBaselineTest {
    private static final long MINUTE = 60_000;

    @Test
    void twoPeersOfDifferentVolumeLookAlikeRelativeToTheirOwnNormal() {
        RelativeFeatures relative = new RelativeFeatures(32, 4, Duration.ofMinutes(5));
        RollingBaseline small = relative.newBaseline(1);
        RollingBaseline large = relative.newBaseline(1);
        double[] smallOut = null;
        double[] largeOut = null;
        for (int minute = 0; minute < 200; minute++) {
            double wiggle = minute % 3; // 0, 1, 2
            smallOut = relative.apply(small, new double[] {10 + wiggle}, minute * MINUTE);
            largeOut = relative.apply(large, new double[] {100 + 10 * wiggle}, minute * MINUTE);
        }
        // Minute 199 is wiggle 1: the median of each, so ratio ~ 1 and z = 0 for both.
        assertEquals(11 / 12.0, smallOut[0], 1e-9);
        assertEquals(110 / 111.0, largeOut[0], 1e-9);
        assertEquals(0, smallOut[1], 1e-9);
        assertEquals(0, largeOut[1], 1e-9);
        // A tenfold burst stands out alike in both.
        double[] smallBurst = relative.apply(small, new double[] {110}, 200 * MINUTE);
        double[] largeBurst = relative.apply(large, new double[] {1100}, 200 * MINUTE);
        assertEquals(smallBurst[0], largeBurst[0], 0.1 * smallBurst[0]);
        assertEquals(RelativeFeatures.Z_LIMIT, smallBurst[1], 1e-9, Arrays.toString(smallBurst));
        assertEquals(RelativeFeatures.Z_LIMIT, largeBurst[1], 1e-9, Arrays.toString(largeBurst));
    }

    @Test
    void anAnomalyShorterThanHalfTheSpanBarelyMovesTheMedian() {
        RollingBaseline b = new RollingBaseline(1, 96, 8, 15 * MINUTE);
        for (int minute = 0; minute < 24 * 60; minute++) {
            b.update(new double[] {20}, minute * MINUTE);
        }
        for (int minute = 24 * 60; minute < 30 * 60; minute++) { // six hours of a storm
            b.update(new double[] {2000}, minute * MINUTE);
        }
        assertEquals(20, b.median(0), 1e-9);
        assertEquals(96, b.size());
        for (int minute = 30 * 60; minute < 60 * 60; minute++) { // a lasting new level is taken in
            b.update(new double[] {2000}, minute * MINUTE);
        }
        assertEquals(2000, b.median(0), 1e-9);
    }

    @Test
    void aWindowThatStandsOutIsHeldBackForUpToMaxHoldSoALongIncidentKeepsStandingOut() {
        RelativeFeatures relative = new RelativeFeatures(96, 8, Duration.ofMinutes(15), 5, 0.1, Duration.ofDays(2));
        RelativeFeatures takesAll = new RelativeFeatures(96, 8, Duration.ofMinutes(15));
        RollingBaseline held = relative.newBaseline(2);
        RollingBaseline plain = takesAll.newBaseline(2);
        Random random = new Random(3);
        for (int minute = 0; minute < 24 * 60; minute++) {
            double[] normal = {20 + random.nextGaussian(), 5 + random.nextGaussian()};
            relative.apply(held, normal, minute * MINUTE);
            takesAll.apply(plain, normal, minute * MINUTE);
        }
        double[] storm = {2000, 5};
        double[] heldOut = null;
        double[] plainOut = null;
        for (int minute = 24 * 60; minute < 60 * 60; minute++) { // a day and a half of a storm
            heldOut = relative.apply(held, storm, minute * MINUTE);
            plainOut = takesAll.apply(plain, storm, minute * MINUTE);
        }
        assertEquals(RelativeFeatures.Z_LIMIT, heldOut[2], 1e-9, "still stands out after 36 h");
        assertTrue(Math.abs(plainOut[2]) < 1, "a baseline taking every window has made it normal: z " + plainOut[2]);
        for (int minute = 60 * 60; minute < 90 * 60; minute++) { // past the two-day hold the new level is taken in
            heldOut = relative.apply(held, storm, minute * MINUTE);
        }
        assertTrue(Math.abs(heldOut[2]) < 1, "a lasting level is normal in the end: z " + heldOut[2]);
    }

    @Test
    void aNearlyConstantFeaturesRareValueGetsTheSameBoundedZWhateverTheRingHappensToHold() {
        RelativeFeatures relative = new RelativeFeatures(96, 8, Duration.ofMinutes(15));
        // The longest AS path of a peer: 5, with a 4 in one window of a hundred.
        RollingBaseline oneFour = relative.newBaseline(1);
        RollingBaseline threeFours = relative.newBaseline(1);
        for (int slot = 0; slot < 96; slot++) {
            relative.apply(oneFour, new double[] {slot == 40 ? 4 : 5}, slot * 15 * MINUTE);
            relative.apply(threeFours, new double[] {slot % 32 == 7 ? 4 : 5}, slot * 15 * MINUTE);
        }
        // MAD 0: the few 4s would give a scale of 0.013 (one 4) or 0.039 (three), reading the next 4 as -77 or -26.
        double levelFloor = RollingBaseline.LEVEL_FLOOR * (1 + 5);
        assertEquals(levelFloor, oneFour.scale(0), 1e-9);
        assertEquals(levelFloor, threeFours.scale(0), 1e-9);
        double first = relative.apply(oneFour, new double[] {4}, 96 * 15 * MINUTE)[1];
        double second = relative.apply(threeFours, new double[] {4}, 96 * 15 * MINUTE)[1];
        assertEquals(-1 / levelFloor, first, 1e-9);
        assertEquals(first, second, 1e-9);
        assertTrue(first > -RelativeFeatures.Z_LIMIT, "within the clip: " + first);
        assertEquals(0, relative.apply(oneFour, new double[] {5}, 97 * 15 * MINUTE)[1], 1e-9);
    }

    @Test
    void sparseCountsGetAFiniteScaleAndConstantOnesScaleOne() {
        RollingBaseline b = new RollingBaseline(2, 16, 16, MINUTE);
        for (int i = 0; i < 16; i++) {
            b.update(new double[] {i % 8 == 0 ? 4 : 0, 3}, i * MINUTE);
        }
        assertEquals(0, b.median(0));
        assertEquals(1.2533 * 8 / 16, b.scale(0), 1e-9); // MAD 0; two 4s in 16 samples
        assertEquals(1, b.scale(1));
    }

    @Test
    void encodeDecodeKeepsTheBaselineAndItsPlaceInTheRing() {
        RollingBaseline b = new RollingBaseline(3, 10, 2, MINUTE);
        for (int i = 0; i < 37; i++) {
            b.update(new double[] {i, i * i % 7, -i}, i * MINUTE);
        }
        RollingBaseline copy = RollingBaseline.decode(b.encode());
        assertArrayEquals(b.encode(), copy.encode());
        for (int j = 0; j < 3; j++) {
            assertEquals(b.median(j), copy.median(j));
            assertEquals(b.scale(j), copy.scale(j));
        }
        // Both evolve the same afterwards: the oldest sample is the next replaced, and a repeated slot is skipped.
        for (RollingBaseline x : List.of(b, copy)) {
            x.update(new double[] {100, 100, 100}, 36 * MINUTE);
            x.update(new double[] {100, 100, 100}, 37 * MINUTE);
        }
        assertArrayEquals(b.encode(), copy.encode());
        assertEquals(37 + 4 * 3 * 10, b.encode().length); // header, then 3 features x 10 floats
    }

    @Test
    void damagedBytesAreRefused() {
        byte[] bytes = new RollingBaseline(2, 4, 1, MINUTE).encode();
        assertThrows(IllegalArgumentException.class, () -> RollingBaseline.decode(Arrays.copyOf(bytes, bytes.length - 1)));
        bytes[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> RollingBaseline.decode(bytes));
        assertEquals(List.of("a.ratio", "b.ratio", "a.z", "b.z"), RelativeFeatures.names(List.of("a", "b")));
    }
}
