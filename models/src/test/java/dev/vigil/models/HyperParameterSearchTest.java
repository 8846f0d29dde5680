package dev.vigil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParameterSearchTest {

    @Test
    void keepsTheBestOfTheTrialsItHadTimeFor() {
        Duration budget = Duration.ofSeconds(3);
        long start = System.nanoTime();
        HyperParameterSearch.Result result = HyperParameterSearch.search(Algorithms.RULES, SyntheticFixture.TRAIN,
                SyntheticFixture.TEST, Map.of(), budget, 1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(result.trials().size() >= 2, "only " + result.trials().size() + " trials");
        assertEquals(Double.toString(RulesTrainer.DEFAULT_TAIL_QUANTILE), result.trials().getFirst().params().get("tailQuantile"),
                "defaults are tried first");
        double best = result.trials().stream().mapToDouble(t -> t.metrics().prAuc()).max().orElseThrow();
        assertEquals(best, Validation.evaluate(result.best(), SyntheticFixture.TEST).prAuc(), 1e-12);
        assertEquals(result.best().parameters(), result.bestParams());
        Duration slowest = result.trials().stream().map(HyperParameterSearch.Trial::trainingTime).max(Duration::compareTo).orElseThrow();
        assertTrue(took.compareTo(budget.plus(slowest).plusSeconds(2)) < 0, "search overran its budget: " + took);
    }

    @Test
    void withoutLabelsOnlyTheDefaultsAreTrained() {
        TrainingSet unlabelled = TrainingSet.of(SyntheticFixture.TEST.features(), SyntheticFixture.names());
        HyperParameterSearch.Result result = HyperParameterSearch.search(Algorithms.ISOLATION_FOREST, SyntheticFixture.TRAIN,
                unlabelled, Map.of("trees", "20"), Duration.ofSeconds(30), 1);
        assertEquals(1, result.trials().size());
        assertEquals("20", result.bestParams().get("trees"));
    }

    @Test
    void aZeroBudgetStillGivesTheDefaultModel() {
        HyperParameterSearch.Result result = HyperParameterSearch.search(Algorithms.RULES, SyntheticFixture.TRAIN,
                SyntheticFixture.TEST, Map.of(), Duration.ZERO, 1);
        assertEquals(1, result.trials().size());
    }
}
