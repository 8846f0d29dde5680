package dev.vigil.retrainer;

import dev.vigil.models.TrainingSet;
import java.time.Instant;

/**
 * The data one domain's models are trained and validated on.
 *
 * @param all        every selected row: the training rows, then the holdout rows, each in time order (labels: unknown,
 *                   normal or anomaly)
 * @param train      the rows trained on: the older part, or after a change without enough rows of its own, all but
 *                   the held-out blocks since it
 * @param holdout    the rows validated on: the newest part, or the held-out blocks since a change
 * @param windowEnds window end (epoch ms) of each row of {@code all}
 * @param from       earliest window start used
 * @param to         latest window end used
 * @param labelled   rows of {@code all} that carry a label
 * @param outOfRangeLabelled labelled rows older than the selected range, kept so old patterns are not forgotten
 * @param changedSince the start of the new regime the request reported, or null when it reported none
 * @param afterChange  true when the rows selected for their time all start at or after {@code changedSince}
 * @param fallback     why rows since {@code changedSince} were not enough and the whole training window was used;
 *                     null otherwise
 */
public record TrainingSelection(TrainingSet all, TrainingSet train, TrainingSet holdout, long[] windowEnds,
                                Instant from, Instant to, long labelled, long outOfRangeLabelled,
                                Instant changedSince, boolean afterChange, String fallback) {

    /** A selection of the training window for a request that reported no change. */
    public TrainingSelection(TrainingSet all, TrainingSet train, TrainingSet holdout, long[] windowEnds,
                             Instant from, Instant to, long labelled, long outOfRangeLabelled) {
        this(all, train, holdout, windowEnds, from, to, labelled, outOfRangeLabelled, null, false, null);
    }

    public int size() {
        return all.size();
    }

    /** Index in {@code all} of the first holdout row: the holdout rows follow the training rows. */
    public int holdoutStart() {
        return all.size() - holdout.size();
    }

    /** Rows chosen for their time (window or change onwards), not for being labelled. */
    public long inRange() {
        return all.size() - outOfRangeLabelled;
    }

    TrainingSelection startingAt(Instant change) {
        return new TrainingSelection(all, train, holdout, windowEnds, from, to, labelled, outOfRangeLabelled, change, true, null);
    }

    TrainingSelection fallingBack(Instant change, String why) {
        return new TrainingSelection(all, train, holdout, windowEnds, from, to, labelled, outOfRangeLabelled, change, false, why);
    }
}
