package dev.vigil.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureNamesTest {
    @Test
    void everyDomainHasOneListOfDistinctNames() {
        for (String domain : Entities.DOMAINS) {
            List<String> names = FeatureNames.of(domain);
            assertEquals(names.size(), new HashSet<>(names).size(), domain + " names a feature twice: " + names);
        }
        assertEquals(48, FeatureNames.BGP_PEER.size(), "the UFAM datasets' 48 features");
    }

    @Test
    void serviceFeaturesEndWithTheCalendarFeatures() {
        List<String> service = FeatureNames.TELEMETRY_SERVICE;
        assertEquals(Entities.CALENDAR_FEATURES, service.subList(service.size() - Entities.CALENDAR_FEATURES.size(), service.size()));
        assertTrue(FeatureNames.TELEMETRY_METRIC.stream().noneMatch(Entities.CALENDAR_FEATURES::contains));
    }

    @Test
    void anUnknownDomainIsRefusedWithTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> FeatureNames.of("bgp"));
        assertTrue(e.getMessage().contains(Entities.BGP_PEER), e.getMessage());
    }
}
