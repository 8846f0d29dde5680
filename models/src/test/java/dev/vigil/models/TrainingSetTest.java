package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSetTest {
    private static final List<String> NAMES = List.of("a", "b");

    @Test
    void sequencesGroupByEntityInTimeOrder() {
        double[][] rows = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}};
        TrainingSet set = new TrainingSet(rows, NAMES, null, new String[]{"x", "y", "x", "y", "x"},
                new long[]{30, 10, 10, 5, 20});
        List<int[]> sequences = set.sequences();
        assertEquals(2, sequences.size());
        assertArrayEquals(new int[]{2, 4, 0}, sequences.get(0));
        assertArrayEquals(new int[]{3, 1}, sequences.get(1));
    }

    @Test
    void withoutEntitiesTheRowsAreOneSequence() {
        TrainingSet set = TrainingSet.of(new double[][]{{0, 0}, {1, 1}}, NAMES);
        assertArrayEquals(new int[]{0, 1}, set.sequences().getFirst());
    }

    @Test
    void normalRowsDropOnlyLabelledAnomalies() {
        TrainingSet set = TrainingSet.labelled(new double[][]{{0, 0}, {1, 1}, {2, 2}}, NAMES, new int[]{-1, 1, 0});
        assertEquals(2, set.normalRows().length);
        assertEquals(1, set.count(TrainingSet.ANOMALY));
        assertEquals(1, set.count(TrainingSet.UNKNOWN));
        TrainingSet subset = set.subset(new int[]{2, 1});
        assertArrayEquals(new int[]{0, 1}, subset.labels());
    }

    @Test
    void refusesInconsistentColumns() {
        assertThrows(IllegalArgumentException.class, () -> TrainingSet.of(new double[][]{{0, 0}, {1}}, NAMES));
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSet.labelled(new double[][]{{0, 0}}, NAMES, new int[]{0, 1}));
    }
}
