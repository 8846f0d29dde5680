package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import smile.anomaly.IsolationForest;

class IsolationForestTest {

    @Test
    void flatCopyScoresExactlyLikeSmile() {
        double[][] rows = SyntheticFixture.TRAIN.normalRows();
        IsolationForest forest = IsolationForestTrainer.fitForest(rows, 30, 256, 4, 3);
        Optional<CompactIsolationForest> compact = CompactIsolationForest.of(forest, 256, Arrays.copyOf(rows, 10));
        assertTrue(compact.isPresent(), "Smile's tree layout could not be read");
        for (double[] x : SyntheticFixture.TEST.features()) {
            assertEquals(forest.score(x), compact.get().score(x), 1e-12);
        }
    }

    @Test
    void scoresDoNotDriftWithTrainingSetSize() {
        // Smile's own fit normalises by c(n) of the whole set; with per-tree samples of ψ rows the score
        // of the same normal window must not depend on how many rows were available.
        TrainingSet small = SyntheticFixture.GENERATOR.generate(20, 100, 0.0, 21);
        TrainingSet large = SyntheticFixture.GENERATOR.generate(200, 100, 0.0, 22);
        AnomalyModel fromSmall = Trainers.train(Algorithms.ISOLATION_FOREST, small, Map.of());
        AnomalyModel fromLarge = Trainers.train(Algorithms.ISOLATION_FOREST, large, Map.of());
        double[][] probe = Arrays.copyOf(SyntheticFixture.TEST.normalRows(), 2000);
        double medianSmall = median(fromSmall.rawScores(probe));
        double medianLarge = median(fromLarge.rawScores(probe));
        assertEquals(medianSmall, medianLarge, 0.02);
        assertEquals(fromSmall.threshold(), fromLarge.threshold(), 0.03);
    }

    @Test
    void averagePathLengthMatchesTheIsolationForestPaper() {
        // c(n) = 2 H(n-1) - 2(n-1)/n with H(i) ≈ ln(i) + Euler's constant; c(256) ≈ 10.24.
        assertEquals(10.2438, CompactIsolationForest.averagePathLength(256), 1e-3);
        assertEquals(2 * (Math.log(1023) + 0.5772156649) - 2 * 1023.0 / 1024, CompactIsolationForest.averagePathLength(1024), 1e-12);
    }

    @Test
    void explainsWithRobustZScoresAgainstTheTrainingMedian() {
        AnomalyModel model = Trainers.train(Algorithms.ISOLATION_FOREST, SyntheticFixture.TRAIN, Map.of());
        FeatureBaseline baseline = FeatureBaseline.fit(SyntheticFixture.TRAIN.normalRows(), SyntheticFixture.names());
        double[] x = SyntheticFixture.TEST.features()[3].clone();
        x[5] = baseline.median(5) + 12 * baseline.spread(5);
        TopFeature top = model.score(x, List.of()).topFeatures().getFirst();
        assertEquals("f5", top.name());
        assertEquals(baseline.median(5), top.baseline(), 1e-12);
        assertEquals(12, top.deviation(), 1e-9);
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
