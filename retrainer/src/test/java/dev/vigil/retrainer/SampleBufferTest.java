package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleBufferTest {
    static FeatureSample at(String entity, String domain, long windowStart, long offset) {
        return new FeatureSample(entity, domain, windowStart, windowStart + 60, List.of("a"), new double[]{offset}, 0, offset);
    }

    @Test
    void keepsLabelledVectorsOfAnyAgeAndOnlyTheNewestOthersOfTheWindow() {
        SampleBuffer buffer = new SampleBuffer("bgp-peer", 1000, Set.of("old|10"), 3);
        buffer.add(at("old", "bgp-peer", 10, 0));       // labelled, older than the window: kept
        buffer.add(at("stale", "bgp-peer", 20, 1));     // unlabelled, older than the window: dropped
        buffer.add(at("other", "bgp-origin", 5000, 2)); // other domain: dropped
        for (int i = 0; i < 6; i++) {
            buffer.add(at("e", "bgp-peer", 1000 + 60L * i, 10 + i));
        }
        List<FeatureSample> kept = buffer.samples();
        assertEquals(List.of(10L, 1180L, 1240L, 1300L), kept.stream().map(FeatureSample::windowStart).toList());
    }

    @Test
    void aReReadWindowKeepsItsReadOrderSoTheSelectorTakesTheLaterOne() {
        SampleBuffer buffer = new SampleBuffer("bgp-peer", 0, Set.of(), 10);
        buffer.add(at("e", "bgp-peer", 600, 8));
        buffer.add(at("e", "bgp-peer", 600, 3));
        assertEquals(List.of(3L, 8L), buffer.samples().stream().map(FeatureSample::offset).toList());
    }
}
