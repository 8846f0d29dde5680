package dev.vigil.detectors;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureContribution;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.models.AnomalyModel;
import dev.vigil.models.FeatureAlignment;
import dev.vigil.models.Scored;
import dev.vigil.models.TopFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one vector with every serving model of its domain: one record per production model, one shadow
 * record per staging model, and, when the domain has no production model, one UNSCORED record with
 * detector {@code none} so the vector is passed on, never dropped. Each role's version is read once, so
 * the record names exactly the version that produced it. No Kafka types.
 */
public final class VectorScorer {
    public static final String NO_DETECTOR = "none";
    public static final String REASON_NO_MODEL = "no-model";
    public static final String REASON_SCHEMA = "schema-mismatch";
    public static final String REASON_ERROR = "scoring-error";

    private final ScoringListener listener;

    public VectorScorer(ScoringListener listener) {
        this.listener = listener;
    }

    public List<DetectorScore> score(FeatureVector vector, List<double[]> history, List<ModelSlot> slots, Instant scoredAt) {
        List<DetectorScore> out = new ArrayList<>(slots.size() * 2 + 1);
        double[] values = toArray(vector.getValues());
        boolean anyProduction = false;
        for (ModelSlot slot : slots) {
            ServingModel production = slot.production();
            if (production != null) {
                anyProduction = true;
                out.add(scoreWith(production, false, vector, values, history, scoredAt));
            }
        }
        if (!anyProduction) {
            listener.unscored(vector.getDomain(), NO_DETECTOR, REASON_NO_MODEL);
            out.addFirst(unscored(vector, NO_DETECTOR, null, false, scoredAt));
        }
        for (ModelSlot slot : slots) {
            ServingModel shadow = slot.shadow();
            if (shadow != null) {
                out.add(scoreWith(shadow, true, vector, values, history, scoredAt));
            }
        }
        return out;
    }

    private DetectorScore scoreWith(ServingModel serving, boolean shadow, FeatureVector vector, double[] values,
                                    List<double[]> history, Instant scoredAt) {
        AnomalyModel model = serving.model();
        FeatureAlignment alignment = FeatureAlignment.of(model.featureNames(), vector.getFeatureNames());
        if (alignment == null) {
            listener.unscored(vector.getDomain(), serving.detector(), REASON_SCHEMA);
            return unscored(vector, serving.detector(), serving, shadow, scoredAt);
        }
        long start = System.nanoTime();
        Scored scored;
        try {
            scored = model.score(alignment.select(values), recent(history, model.historyLength(), alignment));
        } catch (RuntimeException e) {
            listener.unscored(vector.getDomain(), serving.detector(), REASON_ERROR);
            return unscored(vector, serving.detector(), serving, shadow, scoredAt);
        }
        listener.scored(serving, shadow, scored.anomalous(), System.nanoTime() - start);
        return record(vector, serving.detector(), serving, ScoreStatus.SCORED, scored.rawScore(), scored.score(),
                model.threshold(), scored.anomalous(), contributions(scored.topFeatures()), shadow, scoredAt);
    }

    private static DetectorScore unscored(FeatureVector vector, String detector, ServingModel serving, boolean shadow,
                                          Instant scoredAt) {
        return record(vector, detector, serving, ScoreStatus.UNSCORED, 0, 0, 0, false, List.of(), shadow, scoredAt);
    }

    /** The all-arguments constructor, not the builder: builders deep-copy and validate, several times slower. */
    private static DetectorScore record(FeatureVector vector, String detector, ServingModel serving, ScoreStatus status,
                                        double raw, double score, double threshold, boolean anomalous,
                                        List<FeatureContribution> top, boolean shadow, Instant scoredAt) {
        return new DetectorScore(vector.getEntity(), vector.getDomain(), vector.getWindowStart(), vector.getWindowEnd(),
                detector, serving == null ? null : serving.name(), serving == null ? null : serving.version(), status,
                raw, score, threshold, anomalous, top, shadow, vector.getEventCount(), scoredAt);
    }

    private static List<double[]> recent(List<double[]> history, int length, FeatureAlignment alignment) {
        if (length <= 0 || history.isEmpty()) {
            return List.of();
        }
        return alignment.select(history.subList(Math.max(0, history.size() - length), history.size()));
    }

    private static List<FeatureContribution> contributions(List<TopFeature> top) {
        List<FeatureContribution> out = new ArrayList<>(top.size());
        for (TopFeature t : top) {
            out.add(new FeatureContribution(t.name(), t.value(), t.baseline(), t.deviation()));
        }
        return out;
    }

    /** A feature vector's values as the scorer and {@link EntityHistory} hold them. */
    public static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
