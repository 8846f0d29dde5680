package dev.vigil.retrainer;

import java.util.List;

/**
 * One feature vector as read from a feature topic, with where it was read.
 *
 * @param windowStart epoch milliseconds
 * @param windowEnd   epoch milliseconds
 */
public record FeatureSample(String entity, String domain, long windowStart, long windowEnd, List<String> featureNames,
                            double[] values, int partition, long offset) {

    /** Join key with labels: the entity and window start, as in the {@code labels} topic key. */
    public String key() {
        return key(entity, windowStart);
    }

    public static String key(String entity, long windowStart) {
        return entity + "|" + windowStart;
    }
}
