package dev.vigil.ensemble.incident;

import dev.vigil.ensemble.model.Deviation;
import dev.vigil.ensemble.model.Reading;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The features that deviated most across several detectors' readings, each feature once at its largest deviation. */
public final class TopFeatures {
    private TopFeatures() {
    }

    public static List<Deviation> of(Collection<Reading> readings, int limit) {
        Map<String, Deviation> strongest = new LinkedHashMap<>();
        for (Reading r : readings) {
            for (Deviation d : r.topFeatures()) {
                strongest.merge(d.feature(), d, (a, b) -> Math.abs(b.deviation()) > Math.abs(a.deviation()) ? b : a);
            }
        }
        return strongest.values().stream()
                .sorted(Comparator.comparingDouble((Deviation d) -> -Math.abs(d.deviation())).thenComparing(Deviation::feature))
                .limit(limit).toList();
    }
}
