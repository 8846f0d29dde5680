package dev.vigil.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurvesTest {

    @Test
    void rocAucOfAPerfectAndOfAnInvertedRanking() {
        Curves perfect = Curves.of(List.of(new double[] {0.9, 1}, new double[] {0.8, 1}, new double[] {0.2, 0}, new double[] {0.1, 0}));
        assertEquals(1.0, perfect.rocAuc(), 1e-9);
        assertArrayEquals(new double[] {0, 1}, perfect.roc().get(2), 1e-12); // both positives before any negative
        assertArrayEquals(new double[] {1, 1}, perfect.pr().get(1), 1e-12);
        Curves inverted = Curves.of(List.of(new double[] {0.9, 0}, new double[] {0.8, 0}, new double[] {0.2, 1}, new double[] {0.1, 1}));
        assertEquals(0.0, inverted.rocAuc(), 1e-9);
    }

    @Test
    void tiedScoresMakeOnePointAndOneClassMakesNoCurve() {
        Curves tied = Curves.of(List.of(new double[] {0.5, 1}, new double[] {0.5, 0}, new double[] {0.1, 0}));
        assertEquals(3, tied.roc().size()); // (0,0), the tie, the last threshold
        assertArrayEquals(new double[] {0.5, 1}, tied.roc().get(1), 1e-12);
        assertEquals(Double.NaN, Curves.of(List.of(new double[] {0.3, 0})).rocAuc());
        assertTrue(Curves.of(List.of(new double[] {0.3, 1})).roc().isEmpty());
    }

    @Test
    void thinningKeepsTheEndsAndAtMostTheAskedPoints() {
        Random random = new Random(3);
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            boolean anomalous = random.nextDouble() < 0.1;
            scored.add(new double[] {random.nextGaussian() + (anomalous ? 1.5 : 0), anomalous ? 1 : 0});
        }
        Curves full = Curves.of(scored);
        Curves thin = full.thinned(50);
        assertEquals(50, thin.roc().size());
        assertEquals(50, thin.pr().size());
        assertArrayEquals(full.roc().getFirst(), thin.roc().getFirst());
        assertArrayEquals(full.roc().getLast(), thin.roc().getLast());
        assertEquals(full.rocAuc(), thin.rocAuc());
        assertEquals(full.roc().size(), full.thinned(full.roc().size() + 10).roc().size());
    }
}
