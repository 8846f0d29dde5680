package dev.vigil.retrainer;

import java.time.Instant;

/**
 * Reads a feature topic from the first record at or after a time up to its end when the read starts,
 * handing every vector to the buffer, which keeps only what training may use.
 */
public interface FeatureSource {
    /** @return the topic's name, the buffer's samples and the offsets read */
    FeatureBatch read(String topic, Instant from, SampleBuffer buffer);

    /** The time of the newest record on a feature topic, when known: the end of a data-time training window. */
    default java.util.Optional<Instant> newest(String topic) {
        return java.util.Optional.empty();
    }
}
