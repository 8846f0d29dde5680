package dev.vigil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.Algorithms;
import dev.vigil.models.Scored;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorScorerTest {
    private final List<String> unscored = new ArrayList<>();
    private final VectorScorer scorer = new VectorScorer(new ScoringListener() {
        @Override
        public void scored(ServingModel model, boolean shadow, boolean anomalous, long nanos) {
        }

        @Override
        public void unscored(String domain, String detector, String reason) {
            unscored.add(detector + ":" + reason);
        }
    });
    private final Instant now = Instant.parse("2026-11-24T13:00:00Z");
    private final FeatureVector vector = TestModels.vectors("peer:a", 1, 3).getFirst();

    private static ServingModel serving(String algorithm, int version, long seed) {
        return new ServingModel(TestModels.name(algorithm), TestModels.DOMAIN, algorithm, version, "sha",
                TestModels.model(algorithm, seed), Instant.EPOCH);
    }

    private static ModelSlot slot(ServingModel production, ServingModel shadow) {
        ModelSlot slot = new ServingModels().slot(production != null ? production.name() : shadow.name());
        slot.reference(ModelSlot.Stage.PRODUCTION).set(production);
        slot.reference(ModelSlot.Stage.SHADOW).set(shadow);
        return slot;
    }

    @Test
    void aDomainWithoutModelsPassesTheVectorOnAsOneUnscoredRecord() {
        List<DetectorScore> scores = scorer.score(vector, List.of(), List.of(), now);
        assertEquals(1, scores.size());
        DetectorScore s = scores.getFirst();
        assertEquals(ScoreStatus.UNSCORED, s.getStatus());
        assertEquals("none", s.getDetector());
        assertNull(s.getModelName());
        assertEquals(vector.getWindowStart(), s.getWindowStart());
        assertEquals(List.of("none:no-model"), unscored);
    }

    @Test
    void scoresWithEachProductionModelAndEachShadowModelAsTheModelItselfWould() {
        ServingModel rules = serving(Algorithms.RULES, 3, 1);
        ServingModel forest = serving(Algorithms.ISOLATION_FOREST, 1, 1);
        ServingModel forestStaging = serving(Algorithms.ISOLATION_FOREST, 2, 2);
        List<DetectorScore> scores = scorer.score(vector, List.of(),
                List.of(slot(forest, forestStaging), slot(rules, null)), now);
        assertEquals(3, scores.size());
        assertEquals(List.of("isolation-forest:1:false", "rules:3:false", "isolation-forest:2:true"),
                scores.stream().map(s -> s.getDetector() + ":" + s.getModelVersion() + ":" + s.getShadow()).toList());
        Scored expected = rules.model().score(VectorScorer.toArray(vector.getValues()), List.of());
        DetectorScore r = scores.get(1);
        assertEquals(expected.rawScore(), r.getRawScore());
        assertEquals(expected.score(), r.getScore());
        assertEquals(rules.model().threshold(), r.getThreshold());
        assertEquals(expected.topFeatures().getFirst().name(), r.getTopFeatures().getFirst().getFeature());
        assertEquals("bgp-peer.rules", r.getModelName());
        assertTrue(unscored.isEmpty());
    }

    @Test
    void feedsTheForecasterTheEntitysLastWindows() {
        ServingModel forecaster = serving(Algorithms.FORECASTER, 1, 1);
        AnomalyModel model = forecaster.model();
        List<FeatureVector> windows = TestModels.vectors("peer:a", 6, 4);
        List<double[]> history = windows.subList(0, 5).stream().map(v -> VectorScorer.toArray(v.getValues())).toList();
        DetectorScore s = scorer.score(windows.get(5), history, List.of(slot(forecaster, null)), now).getFirst();
        double[] current = VectorScorer.toArray(windows.get(5).getValues());
        assertEquals(model.score(current, history.subList(5 - model.historyLength(), 5)).rawScore(), s.getRawScore());
        assertTrue(s.getRawScore() != model.score(current, List.of()).rawScore(), "history must change the forecast");
    }

    @Test
    void alignsFeaturesByNameAndPassesOnAVectorThatLacksAFeature() {
        ServingModel rules = serving(Algorithms.RULES, 1, 1);
        List<String> reversed = new ArrayList<>(TestModels.FEATURES);
        Collections.reverse(reversed);
        List<Double> values = new ArrayList<>(vector.getValues());
        Collections.reverse(values);
        FeatureVector shuffled = FeatureVector.newBuilder(vector).setFeatureNames(reversed).setValues(values).build();
        double aligned = scorer.score(shuffled, List.of(), List.of(slot(rules, null)), now).getFirst().getRawScore();
        assertEquals(scorer.score(vector, List.of(), List.of(slot(rules, null)), now).getFirst().getRawScore(), aligned);

        FeatureVector missing = FeatureVector.newBuilder(vector).setFeatureNames(TestModels.FEATURES.subList(0, 5))
                .setValues(vector.getValues().subList(0, 5)).build();
        DetectorScore s = scorer.score(missing, List.of(), List.of(slot(rules, null)), now).getFirst();
        assertEquals(ScoreStatus.UNSCORED, s.getStatus());
        assertEquals("bgp-peer.rules", s.getModelName());
        assertFalse(s.getAnomalous());
        assertEquals(List.of("rules:schema-mismatch"), unscored);
    }
}
