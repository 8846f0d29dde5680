package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainersTest {

    @ParameterizedTest
    @ValueSource(strings = {"isolation-forest", "forecaster", "rules", "classifier"})
    void sameDataParametersAndSeedGiveTheSameModel(String algorithm) {
        Map<String, String> params = Map.of(Params.SEED, "7", "trees", "20");
        AnomalyModel a = Trainers.train(algorithm, SyntheticFixture.TRAIN, params);
        AnomalyModel b = Trainers.train(algorithm, SyntheticFixture.TRAIN, params);
        double[] x = SyntheticFixture.TEST.features()[50];
        List<double[]> history = SyntheticFixture.history(SyntheticFixture.TEST, 50, a.historyLength());
        assertEquals(a.threshold(), b.threshold());
        assertEquals(a.score(x, history), b.score(x, history));
    }

    @Test
    void recordsDefaultsAndGivenParameters() {
        AnomalyModel model = Trainers.train(Algorithms.ISOLATION_FOREST, SyntheticFixture.TRAIN, Map.of("trees", "30"));
        assertEquals("30", model.parameters().get("trees"));
        assertEquals("256", model.parameters().get("sampleSize"));
        assertEquals("0.01", model.parameters().get(Params.TARGET_FPR));
        assertEquals(0, model.historyLength());
        AnomalyModel forecaster = Trainers.train(Algorithms.FORECASTER, SyntheticFixture.TRAIN, Map.of("lags", "2"));
        assertEquals(2, forecaster.historyLength());
    }

    @Test
    void refusesUnknownAlgorithmsAndBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> Trainers.train("lstm", SyntheticFixture.TRAIN, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Trainers.train(Algorithms.RULES, SyntheticFixture.TRAIN, Map.of(Params.TARGET_FPR, "2")));
        assertThrows(IllegalArgumentException.class,
                () -> Trainers.train(Algorithms.ISOLATION_FOREST, SyntheticFixture.TRAIN, Map.of("trees", "many")));
    }

    @Test
    void classifierNeedsLabelsOfBothClasses() {
        TrainingSet unlabelled = TrainingSet.of(SyntheticFixture.TRAIN.features(), SyntheticFixture.names());
        assertFalse(Trainers.canTrain(Algorithms.CLASSIFIER, unlabelled, Map.of()));
        assertTrue(Trainers.canTrain(Algorithms.CLASSIFIER, SyntheticFixture.TRAIN, Map.of()));
        assertFalse(Trainers.canTrain(Algorithms.CLASSIFIER, SyntheticFixture.TRAIN, Map.of("minPerClass", "100000")));
        assertTrue(Trainers.canTrain(Algorithms.RULES, unlabelled, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainers.train(Algorithms.CLASSIFIER, unlabelled, Map.of()));
        assertTrue(e.getMessage().contains("labelled rows"), e.getMessage());
    }

    @Test
    void forecasterNeedsSequencesLongerThanItsLags() {
        TrainingSet shortSequences = SyntheticFixture.GENERATOR.generate(30, 3, 0.0, 5); // 3 windows per entity
        assertFalse(Trainers.canTrain(Algorithms.FORECASTER, shortSequences, Map.of()));
        assertTrue(Trainers.canTrain(Algorithms.FORECASTER, shortSequences, Map.of("lags", "1")));
        assertThrows(IllegalArgumentException.class, () -> Trainers.train(Algorithms.FORECASTER, shortSequences, Map.of()));
        assertEquals(1, Trainers.train(Algorithms.FORECASTER, shortSequences, Map.of("lags", "1")).historyLength());
    }

    @Test
    void unsupervisedDetectorsIgnoreRowsLabelledAnomalous() {
        double[][] rows = SyntheticFixture.TRAIN.features().clone();
        int[] labels = SyntheticFixture.TRAIN.labels().clone();
        for (int i = 0; i < 200; i++) { // wildly abnormal rows, labelled as such
            double[] wild = rows[i].clone();
            java.util.Arrays.setAll(wild, j -> 1e6);
            rows[i] = wild;
            labels[i] = TrainingSet.ANOMALY;
        }
        TrainingSet labelled = TrainingSet.labelled(rows, SyntheticFixture.names(), labels);
        TrainingSet unlabelled = TrainingSet.of(rows, SyntheticFixture.names());
        AnomalyModel clean = Trainers.train(Algorithms.RULES, labelled, Map.of());
        AnomalyModel polluted = Trainers.train(Algorithms.RULES, unlabelled, Map.of());
        assertTrue(clean.score(rows[0], List.of()).anomalous());
        assertNotEquals(clean.threshold(), polluted.threshold());
    }

    @Test
    void scoringRefusesVectorsThatDoNotFitTheSchema() {
        AnomalyModel model = Trainers.train(Algorithms.RULES, SyntheticFixture.TRAIN, Map.of());
        assertThrows(IllegalArgumentException.class, () -> model.score(new double[3], List.of()));
        double[] nan = SyntheticFixture.TEST.features()[0].clone();
        nan[1] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> model.score(nan, List.of()));
        AnomalyModel forecaster = Trainers.train(Algorithms.FORECASTER, SyntheticFixture.TRAIN, Map.of());
        double[] fine = SyntheticFixture.TEST.features()[1];
        assertThrows(IllegalArgumentException.class, () -> forecaster.score(fine, List.of(fine, nan)));
        assertThrows(IllegalArgumentException.class, () -> forecaster.score(fine, List.of(new double[2])));
    }

    @Test
    void forecasterScoresNewEntitiesWithShortHistory() {
        AnomalyModel model = Trainers.train(Algorithms.FORECASTER, SyntheticFixture.TRAIN, Map.of());
        double[] x = SyntheticFixture.TEST.features()[2];
        for (List<double[]> history : List.of(List.<double[]>of(), List.of(SyntheticFixture.TEST.features()[1]))) {
            Scored scored = model.score(x, history);
            assertTrue(Double.isFinite(scored.rawScore()) && scored.score() >= 0 && scored.score() <= 1);
        }
    }
}
