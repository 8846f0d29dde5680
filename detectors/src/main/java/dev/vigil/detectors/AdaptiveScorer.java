package dev.vigil.detectors;

import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.models.Algorithms;
import dev.vigil.models.adaptive.AdaptiveDetector;
import dev.vigil.models.adaptive.AdaptiveSettings;
import dev.vigil.models.adaptive.AdaptiveState;
import dev.vigil.models.adaptive.AdaptiveVerdict;
import dev.vigil.schemas.Entities;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a vector with its entity's own {@link AdaptiveDetector} and returns the score record with the entity's
 * next state. The state travels as bytes so the processor can keep it in a logged store. A vector whose window is
 * not after the entity's last one (a replay, or the same window again) is reported UNSCORED and not learned twice;
 * so is a window of an entity still in its learning period. Calendar features ({@link Entities#CALENDAR_FEATURES})
 * are left out: the detector keeps its own hour-of-day context, and a day-of-week value it never saw while learning
 * would make every window of the next day look new. Request statistics of small windows are read with their sampling
 * noise taken out ({@link SmallSampleGuard}). No Kafka types.
 */
public final class AdaptiveScorer {
    public static final String DETECTOR = Algorithms.ADAPTIVE;
    /** The detector has no registry versions; its records name the version of its state layout and defaults. */
    public static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveScorer.class);

    /** The score to forward and the state to store (null: leave the stored state as it is). */
    public record Outcome(DetectorScore score, AdaptiveState state) {
    }

    private final AdaptiveDetector detector;

    public AdaptiveScorer(AdaptiveSettings settings) {
        this.detector = new AdaptiveDetector(settings);
    }

    public static String modelName(String domain) {
        return domain + "." + DETECTOR;
    }

    public Outcome score(FeatureVector vector, byte[] stored, Instant scoredAt) {
        double[] values = behaviour(vector);
        if (values.length == 0) {
            return new Outcome(record(vector, ScoreStatus.UNSCORED, AdaptiveVerdict.LEARNING, false, scoredAt), null);
        }
        AdaptiveState state = restore(vector, stored, values.length);
        long windowStart = vector.getWindowStart().toEpochMilli();
        if (windowStart <= state.lastWindowStart()) {
            return new Outcome(record(vector, ScoreStatus.UNSCORED, AdaptiveVerdict.LEARNING, false, scoredAt), null);
        }
        AdaptiveVerdict verdict = detector.score(state, windowStart, values);
        state.lastWindowStart(windowStart);
        boolean learning = state.windows() <= detector.settings().learningWindows();
        ScoreStatus status = learning ? ScoreStatus.UNSCORED : ScoreStatus.SCORED;
        return new Outcome(record(vector, status, verdict, verdict.alarm(), scoredAt), state);
    }

    /** The vector's values without its calendar features, with the noise of small samples taken out ({@link SmallSampleGuard}). */
    static double[] behaviour(FeatureVector vector) {
        List<String> names = vector.getFeatureNames();
        List<Double> values = vector.getValues();
        double[] guarded = new double[values.size()];
        for (int i = 0; i < guarded.length; i++) {
            guarded[i] = values.get(i);
        }
        SmallSampleGuard.apply(names, guarded);
        int kept = 0;
        double[] out = new double[guarded.length];
        for (int i = 0; i < out.length; i++) {
            if (i >= names.size() || !Entities.CALENDAR_FEATURES.contains(names.get(i))) {
                out[kept++] = guarded[i];
            }
        }
        return kept == out.length ? out : Arrays.copyOf(out, kept);
    }

    /** The stored state, or a fresh one when there is none, it cannot be read, or the entity's features changed. */
    private AdaptiveState restore(FeatureVector vector, byte[] stored, int features) {
        if (stored != null) {
            try {
                AdaptiveState state = AdaptiveState.decode(stored, detector.settings());
                if (state.features() == features) {
                    return state;
                }
                LOG.info("Adaptive state of {} restarts: {} features now, {} before", vector.getEntity(), features,
                        state.features());
            } catch (RuntimeException e) {
                LOG.warn("Adaptive state of {} is unreadable and restarts: {}", vector.getEntity(), e.toString());
            }
        }
        return detector.newState(features);
    }

    private DetectorScore record(FeatureVector vector, ScoreStatus status, AdaptiveVerdict verdict, boolean anomalous,
                                 Instant scoredAt) {
        return new DetectorScore(vector.getEntity(), vector.getDomain(), vector.getWindowStart(), vector.getWindowEnd(),
                DETECTOR, modelName(vector.getDomain()), VERSION, status, verdict.rawScore(), verdict.score(),
                detector.settings().threshold(), anomalous, List.of(), false, vector.getEventCount(), scoredAt);
    }
}
