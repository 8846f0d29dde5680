package dev.vigil.retrainer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Keeps what a feature topic read may train on while it is read, so memory stays bounded however long the
 * topic is: the domain's labelled vectors (any age) and its newest {@code newest} vectors whose window starts
 * at or after the training window's start. Everything else is dropped as it arrives.
 */
public final class SampleBuffer {
    private static final Comparator<FeatureSample> OLDEST_FIRST =
            Comparator.comparingLong(FeatureSample::windowStart).thenComparingLong(FeatureSample::offset);

    private final String domain;
    private final long windowStart;
    private final Set<String> labelledKeys;
    private final int newest;
    private final List<FeatureSample> labelled = new ArrayList<>();
    private final PriorityQueue<FeatureSample> recent = new PriorityQueue<>(OLDEST_FIRST);

    public SampleBuffer(String domain, long windowStart, Set<String> labelledKeys, int newest) {
        this.domain = domain;
        this.windowStart = windowStart;
        this.labelledKeys = Set.copyOf(labelledKeys);
        this.newest = newest;
    }

    public void add(FeatureSample s) {
        if (!domain.equals(s.domain())) {
            return;
        }
        if (labelledKeys.contains(s.key())) {
            labelled.add(s);
        } else if (s.windowStart() >= windowStart) {
            recent.add(s);
            if (recent.size() > newest) {
                recent.poll();
            }
        }
    }

    /** What was kept, oldest window first; a re-read window's later offset comes after its earlier one. */
    public List<FeatureSample> samples() {
        List<FeatureSample> all = new ArrayList<>(labelled);
        all.addAll(recent);
        all.sort(OLDEST_FIRST);
        return all;
    }
}
