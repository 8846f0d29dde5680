package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.models.TrainingSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PseudoLabelsTest {
    @Test
    void confidentScoresLabelUnlabelledRowsAndAnalystLabelsStay() {
        double[][] rows = {{1}, {2}, {3}, {4}, {5}};
        int[] labels = {TrainingSet.UNKNOWN, TrainingSet.UNKNOWN, TrainingSet.UNKNOWN, TrainingSet.NORMAL, TrainingSet.UNKNOWN};
        TrainingSet set = TrainingSet.labelled(rows, List.of("x"), labels);
        double[] scores = {0.01, 0.5, 0.99, 0.99, 0.97};

        TrainingSet pseudo = PseudoLabels.apply(set, scores, 0.02, 0.98);

        assertArrayEquals(new int[]{TrainingSet.NORMAL, TrainingSet.UNKNOWN, TrainingSet.ANOMALY, TrainingSet.NORMAL,
                TrainingSet.UNKNOWN}, pseudo.labels());
        assertEquals(2, PseudoLabels.added(set, pseudo));
    }
}
