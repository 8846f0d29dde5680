package dev.vigil.models;

import dev.vigil.models.testing.SyntheticData;
import java.util.List;

/** Shared synthetic sets (generated once per test JVM) and small helpers for the tests. */
final class SyntheticFixture {
    static final int DIMENSION = 20;
    static final SyntheticData GENERATOR = new SyntheticData(DIMENSION, 1);
    /** 40 entities × 150 windows, 2% labelled anomalies. */
    static final TrainingSet TRAIN = GENERATOR.generate(40, 150, 0.02, 2);
    /** Different entities, same process: 100 entities × 100 windows, 2% anomalies. */
    static final TrainingSet TEST = GENERATOR.generate(100, 100, 0.02, 3);

    private SyntheticFixture() {
    }

    static List<String> names() {
        return TRAIN.featureNames();
    }

    /** The last {@code h} rows before {@code row} in the same entity sequence of a generated set. */
    static List<double[]> history(TrainingSet set, int row, int h) {
        int first = row;
        while (first > 0 && row - first < h && set.entities()[first - 1].equals(set.entities()[row])) {
            first--;
        }
        return List.of(set.features()).subList(first, row);
    }
}
