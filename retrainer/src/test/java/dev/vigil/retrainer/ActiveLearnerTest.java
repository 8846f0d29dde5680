package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.LabelRequest;
import dev.vigil.models.TrainingSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActiveLearnerTest {
    /**
     * Three well separated groups of windows. Group A's scores sit closest to the threshold, so a learner
     * without spreading would ask only about group A.
     */
    static TrainingSelection threeGroups(int[] labels) {
        int n = 90;
        double[][] rows = new double[n][];
        String[] entities = new String[n];
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            int group = i / 30;
            double base = new double[]{0, 100, 10_000}[group]; // far apart after the learner's sign-log scaling too
            rows[i] = new double[]{base + (i % 7) * 0.01, base - (i % 5) * 0.01};
            entities[i] = "e" + i;
            starts[i] = i * 60_000L;
            ends[i] = starts[i] + 60_000L;
        }
        TrainingSet all = new TrainingSet(rows, List.of("x", "y"), labels, entities, starts);
        return new TrainingSelection(all, all, all, ends, Instant.EPOCH, Instant.EPOCH, 0, 0);
    }

    static double[] scores() {
        double[] scores = new double[90];
        for (int i = 0; i < 90; i++) {
            int group = i / 30;
            scores[i] = 0.5 + (group == 0 ? 0.001 : group == 1 ? 0.05 : -0.08) + (i % 30) * 0.0001;
        }
        return scores;
    }

    @Test
    void requestsAreSpreadOverClustersOfUncertainWindows() {
        int[] labels = new int[90];
        java.util.Arrays.fill(labels, TrainingSet.UNKNOWN);
        List<LabelRequest> requests = new ActiveLearner(3, 90).choose(threeGroups(labels), scores(), "bgp-peer",
                "bgp-peer.isolation-forest", 4, Instant.EPOCH);

        assertEquals(3, requests.size());
        Set<Integer> groups = new HashSet<>();
        requests.forEach(r -> groups.add(Integer.parseInt(r.getEntity().substring(1)) / 30));
        assertEquals(Set.of(0, 1, 2), groups, "one request from each group");
        assertEquals("e0", requests.getFirst().getEntity(), "the most uncertain window of all comes first");
        assertEquals(4, requests.getFirst().getModelVersion());
        assertEquals(60_000L, requests.getFirst().getWindowEnd().toEpochMilli());
    }

    @Test
    void labelledWindowsAreNeverAskedAbout() {
        int[] labels = new int[90];
        java.util.Arrays.fill(labels, TrainingSet.NORMAL);
        labels[45] = TrainingSet.UNKNOWN;
        labels[70] = TrainingSet.UNKNOWN;
        List<LabelRequest> requests = new ActiveLearner(5, 50).choose(threeGroups(labels), scores(), "bgp-peer", "m", 1, Instant.EPOCH);
        assertEquals(Set.of("e45", "e70"), Set.copyOf(requests.stream().map(LabelRequest::getEntity).toList()));
    }

    @Test
    void theNearestPoolIsWhatGetsClustered() {
        int[] labels = new int[90];
        java.util.Arrays.fill(labels, TrainingSet.UNKNOWN);
        // A pool of 30 holds only group A (closest to 0.5), so every request comes from it.
        List<LabelRequest> requests = new ActiveLearner(3, 30).choose(threeGroups(labels), scores(), "bgp-peer", "m", 1, Instant.EPOCH);
        assertEquals(3, requests.size());
        requests.forEach(r -> assertTrue(Integer.parseInt(r.getEntity().substring(1)) < 30, r.getEntity()));
    }
}
