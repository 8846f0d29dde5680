package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FusionChoiceTest {
    private static final List<String> DETECTORS = List.of("a", "b", "noisy");

    /** Detector a sees the even anomalies, b the odd ones, noisy scores every window at random. */
    private static double[][] scores(boolean[] anomalous, Random random) {
        double[][] s = new double[anomalous.length][3];
        int seen = 0;
        for (int i = 0; i < anomalous.length; i++) {
            boolean even = anomalous[i] && seen % 2 == 0;
            boolean odd = anomalous[i] && seen % 2 == 1;
            seen += anomalous[i] ? 1 : 0;
            s[i][0] = even ? 0.9 : 0.1 + 0.1 * random.nextDouble();
            s[i][1] = odd ? 0.9 : 0.1 + 0.1 * random.nextDouble();
            s[i][2] = random.nextDouble();
        }
        return s;
    }

    private static boolean[][] flags(double[][] scores) {
        boolean[][] f = new boolean[scores.length][scores[0].length];
        for (int i = 0; i < scores.length; i++) {
            for (int d = 0; d < scores[i].length; d++) {
                f[i][d] = scores[i][d] >= 0.5;
            }
        }
        return f;
    }

    private static boolean[] labels(int n, Random random) {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble() < 0.05;
        }
        return a;
    }

    @Test
    void complementaryDetectorsAreFusedAndTheNoisyOneIsLeftOut() {
        Random random = new Random(3);
        boolean[] validation = labels(2000, random);
        double[][] s = scores(validation, random);

        FusionChoice choice = FusionChoice.choose(DETECTORS, s, flags(s), validation);

        assertEquals(1.0, choice.validationF1(), 1e-12, choice.toString());
        assertEquals(0.0, choice.weights().get("noisy"), choice.toString());
        assertTrue(choice.weights().get("a") > 0 && choice.weights().get("b") > 0, choice.toString());
        // The choice carries over to windows it was not chosen on.
        boolean[] test = labels(2000, random);
        double[][] t = scores(test, random);
        assertArrayEquals(test, choice.flags(choice.combine(DETECTORS, t, flags(t))));
    }

    @Test
    void withoutAnomalousWindowsThereIsNothingToChooseOn() {
        double[][] s = {{0.1, 0.2, 0.3}, {0.2, 0.1, 0.4}};
        assertThrows(IllegalArgumentException.class, () -> FusionChoice.choose(DETECTORS, s, flags(s), new boolean[2]));
    }
}
