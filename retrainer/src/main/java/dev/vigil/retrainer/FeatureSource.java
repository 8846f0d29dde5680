package dev.vigil.retrainer;

import java.time.Instant;

/** Reads a feature topic from the first record at or after a time up to its end when the read starts. */
public interface FeatureSource {
    FeatureBatch read(String topic, Instant from);
}
