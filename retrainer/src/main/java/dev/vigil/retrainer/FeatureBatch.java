package dev.vigil.retrainer;

import java.util.List;
import java.util.Map;

/**
 * What a feature source read: the vectors and the exact offsets read per partition.
 *
 * @param startOffsets first offset read per partition
 * @param endOffsets   offset after the last read per partition
 */
public record FeatureBatch(String topic, List<FeatureSample> samples, Map<Integer, Long> startOffsets,
                           Map<Integer, Long> endOffsets) {
    public FeatureBatch {
        samples = List.copyOf(samples);
        startOffsets = Map.copyOf(startOffsets);
        endOffsets = Map.copyOf(endOffsets);
    }
}
