package dev.vigil.retrainer;

import dev.vigil.models.TrainingSet;
import java.time.Instant;

/**
 * The data one domain's models are trained and validated on.
 *
 * @param all        every selected row in time order (labels: unknown, normal or anomaly)
 * @param train      the older part, trained on
 * @param holdout    the newest part, validated on
 * @param windowEnds window end (epoch ms) of each row of {@code all}
 * @param from       earliest window start used
 * @param to         latest window end used
 * @param labelled   rows of {@code all} that carry a label
 * @param outOfRangeLabelled labelled rows older than the training window, kept so old patterns are not forgotten
 */
public record TrainingSelection(TrainingSet all, TrainingSet train, TrainingSet holdout, long[] windowEnds,
                                Instant from, Instant to, long labelled, long outOfRangeLabelled) {

    public int size() {
        return all.size();
    }
}
