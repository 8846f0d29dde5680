package dev.vigil.cli.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One output topic of a run with faults against the same topic of a run without: records keyed by what they describe
 * (entity, window, detector), values compared exactly. Missing, duplicated, differing and unexpected records are
 * counted apart, so one kind of fault cannot cancel another out.
 */
public record OutputComparison(String topic, long expected, long actual, long missing, long duplicated, long differing,
                               long unexpected, List<String> examples) {
    private static final int EXAMPLES = 5;

    /** Both runs' records, as (key, value) pairs in the order read. */
    public static OutputComparison of(String topic, List<Map.Entry<String, String>> reference, List<Map.Entry<String, String>> faulty) {
        Map<String, String> expected = new HashMap<>();
        long duplicatedInReference = 0;
        for (var e : reference) {
            duplicatedInReference += expected.put(e.getKey(), e.getValue()) == null ? 0 : 1;
        }
        if (duplicatedInReference > 0) {
            throw new IllegalStateException(topic + ": the run without faults wrote " + duplicatedInReference
                    + " keys twice, so its keys do not identify a record; compare by another key");
        }
        Map<String, String> seen = new HashMap<>();
        List<String> examples = new ArrayList<>();
        long duplicated = 0;
        long differing = 0;
        long unexpected = 0;
        for (var e : faulty) {
            String before = seen.put(e.getKey(), e.getValue());
            String want = expected.get(e.getKey());
            if (before != null) {
                duplicated++;
                note(examples, "twice: " + e.getKey());
            } else if (want == null) {
                unexpected++;
                note(examples, "not in the run without faults: " + e.getKey());
            } else if (!want.equals(e.getValue())) {
                differing++;
                note(examples, "differs: " + e.getKey() + "\n    without faults: " + want + "\n    with faults:    " + e.getValue());
            }
        }
        long missing = expected.keySet().stream().filter(k -> !seen.containsKey(k)).peek(k -> note(examples, "missing: " + k)).count();
        return new OutputComparison(topic, reference.size(), faulty.size(), missing, duplicated, differing, unexpected,
                List.copyOf(examples));
    }

    private static void note(List<String> examples, String example) {
        if (examples.size() < EXAMPLES) {
            examples.add(example);
        }
    }

    /** True when the run with faults wrote exactly what the run without wrote. */
    public boolean identical() {
        return missing == 0 && duplicated == 0 && differing == 0 && unexpected == 0;
    }
}
