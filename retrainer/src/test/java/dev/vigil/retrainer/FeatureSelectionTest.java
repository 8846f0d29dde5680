package dev.vigil.retrainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureSelectionTest {
    private static final List<String> PEER = List.of("announcements", "withdrawals", "announcements.ratio", "withdrawals.ratio",
            "announcements.z", "withdrawals.z");

    @Test
    void bgpPeersTrainOnTheirRelativeFeaturesByDefaultAndOtherDomainsOnAll() {
        FeatureSelection defaults = FeatureSelection.from(Map.of());
        assertEquals(List.of("announcements.ratio", "withdrawals.ratio", "announcements.z", "withdrawals.z"),
                defaults.select("bgp-peer", PEER));
        assertEquals(PEER, defaults.select("bgp-origin", PEER));
        // Replayed labelled files carry no relative features: all of theirs are used.
        assertEquals(List.of("announcements", "withdrawals"), defaults.select("bgp-peer", List.of("announcements", "withdrawals")));
    }

    @Test
    void configuredPatternsReplaceTheDefaultAndAnEmptyListMeansAllFeatures() {
        FeatureSelection configured = FeatureSelection.from(Map.of("vigil.retrainer.features.bgp-peer", "",
                "vigil.retrainer.features.telemetry-service", "error_*, p99_latency"));
        assertEquals(PEER, configured.select("bgp-peer", PEER));
        assertEquals(List.of("error_rate", "error_count", "p99_latency"),
                configured.select("telemetry-service", List.of("error_rate", "event_count", "error_count", "p99_latency", "p99_latency_ms")));
    }

    @Test
    void theSelectorKeepsOnlyTheSelectedColumnsInSchemaOrder() {
        Instant now = Fixtures.NOW;
        FeatureSample sample = new FeatureSample("peer:a", "bgp-peer", now.minus(Duration.ofHours(1)).toEpochMilli(),
                now.minus(Duration.ofMinutes(59)).toEpochMilli(), PEER, new double[] {1, 2, 3, 4, 5, 6}, 0, 0);
        TrainingSelection s = new TrainingDataSelector(1000, 0.0, FeatureSelection.from(Map.of()))
                .select("bgp-peer", List.of(sample), List.of(), now.minus(Duration.ofDays(1)), now);
        assertEquals(List.of("announcements.ratio", "withdrawals.ratio", "announcements.z", "withdrawals.z"), s.all().featureNames());
        assertArrayEquals(new double[] {3, 4, 5, 6}, s.all().features()[0]);
    }
}
