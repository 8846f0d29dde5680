package dev.vigil.drift.streams;

import java.util.Map;
import java.util.TreeMap;

/** Each model's verdict (anomalous or not) on one entity window, kept until its label arrives. */
record EntityVerdicts(Map<String, Boolean> byModel) {

    static EntityVerdicts empty() {
        return new EntityVerdicts(Map.of());
    }

    EntityVerdicts {
        byModel = new TreeMap<>(byModel);
    }

    EntityVerdicts with(String model, boolean anomalous) {
        Map<String, Boolean> more = new TreeMap<>(byModel);
        more.put(model, anomalous);
        return new EntityVerdicts(more);
    }
}
