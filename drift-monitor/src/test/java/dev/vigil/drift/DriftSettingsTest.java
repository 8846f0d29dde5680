package dev.vigil.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kit.config.ConfigException;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.sketches.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftSettingsTest {
    private static VigilConfig config(Map<String, String> values) {
        return VigilConfig.of(DriftMonitorApp.NAME, values);
    }

    @Test
    void defaultsMatchTheReadme() {
        DriftSettings s = DriftSettings.from(config(Map.of()));
        assertEquals(Duration.ofHours(1), s.window());
        assertEquals(Duration.ofMinutes(5), s.grace());
        assertEquals(DriftSettings.ReferenceMode.AUTO, s.reference());
        assertEquals(Duration.ofDays(1), s.seasonalPeriod());
        assertEquals(1, s.seasonalMinPeriods());
        assertEquals(0.01, PolicySettings.from(config(Map.of())).policy().thresholds().falseDiscoveryRate());
        assertEquals(Duration.ofDays(7), s.rollingBaseline());
        assertEquals(Duration.ofHours(12), s.cooldown());
        assertEquals(Duration.ofHours(24), s.performanceHorizon());
        assertEquals(3, s.partitions());
        PolicySettings p = PolicySettings.from(config(Map.of()));
        assertEquals(2, p.requiredWindows());
        assertEquals(Severity.MEDIUM, p.confirmingSeverity());
        assertEquals(200, p.policy().thresholds().minWindowCount());
        assertEquals(Set.of("hour_sin", "hour_cos", "dow_sin", "dow_cos", "count_vs_hour", "*.ratio", "*.z"),
                p.ignoredFeatures());
    }

    @Test
    void aStarEntryIgnoresEveryFeatureWithThatSuffix() {
        PolicySettings p = PolicySettings.from(config(Map.of()));
        assertTrue(p.ignores("as_path_max.ratio"));
        assertTrue(p.ignores("flaps.z"));
        assertTrue(p.ignores("count_vs_hour"));
        assertFalse(p.ignores("as_path_max"));
        assertFalse(p.ignores("ratio"));
        assertFalse(p.ignores("latency_p50"));
        PolicySettings custom = PolicySettings.from(config(Map.of("vigil.drift.ignore.features", "*_p99,error_rate")));
        assertTrue(custom.ignores("latency_p99"));
        assertTrue(custom.ignores("error_rate"));
        assertFalse(custom.ignores("latency_p95"));
        assertFalse(custom.ignores("as_path_max.ratio"));
    }

    @Test
    void referenceIsChosenPerModel() {
        DriftSettings s = DriftSettings.from(config(Map.of("vigil.drift.reference", "rolling",
                "vigil.drift.reference.telemetry-service-forecaster", "seasonal", "vigil.drift.seasonal.period", "7d")));
        assertEquals(DriftSettings.ReferenceMode.SEASONAL, s.referenceFor("telemetry-service-forecaster"));
        assertEquals(DriftSettings.ReferenceMode.ROLLING, s.referenceFor("bgp-peer-rules"));
        assertEquals(Duration.ofDays(7), s.seasonalPeriod());
        assertThrows(ConfigException.class, () -> DriftSettings.from(config(Map.of("vigil.drift.reference.m", "weekly"))));
    }

    @Test
    void ignoredFeaturesAreAListThatMayBeEmpty() {
        assertEquals(Set.of("latency_p50", "error_rate"),
                PolicySettings.from(config(Map.of("vigil.drift.ignore.features", " latency_p50 , error_rate,"))).ignoredFeatures());
        assertEquals(Set.of(), PolicySettings.from(config(Map.of("vigil.drift.ignore.features", "none"))).ignoredFeatures());
        assertEquals(Set.of(), PolicySettings.from(config(Map.of("vigil.drift.ignore.features", ""))).ignoredFeatures());
    }

    @Test
    void settingsOverrideTheDefaults() {
        DriftSettings s = DriftSettings.from(config(Map.of("vigil.drift.window", "1d", "vigil.drift.reference", "rolling",
                "vigil.drift.rolling.baseline", "14d", "vigil.drift.cooldown", "6h")));
        assertEquals(Duration.ofDays(1), s.window());
        assertEquals(DriftSettings.ReferenceMode.ROLLING, s.reference());
        assertEquals(Duration.ofDays(14).plus(Duration.ofDays(2)).plus(Duration.ofMinutes(5)), s.retention());
        PolicySettings p = PolicySettings.from(config(Map.of("vigil.drift.consecutive.windows", "3",
                "vigil.drift.confirming.severity", "high", "vigil.drift.ks.thresholds", "0.05, 0.1, 0.2, 0.4",
                "vigil.drift.min.window.count", "50")));
        assertEquals(3, p.requiredWindows());
        assertEquals(Severity.HIGH, p.confirmingSeverity());
        assertEquals(0.05, p.policy().thresholds().ks().low());
        assertEquals(50, p.policy().thresholds().minWindowCount());
    }

    @Test
    void windowsAlignToTheEpoch() {
        DriftSettings s = DriftSettings.from(config(Map.of()));
        assertEquals(3_600_000L, s.windowStartOf(3_600_000L + 59 * 60_000L));
        assertEquals(-3_600_000L, s.windowStartOf(-1));
    }

    @Test
    void invalidSettingsAreRejectedWithTheKeyNamed() {
        var e = assertThrows(ConfigException.class,
                () -> DriftSettings.from(config(Map.of("vigil.drift.reference", "yesterday"))));
        assertEquals(true, e.getMessage().contains("vigil.drift.reference"));
        assertThrows(ConfigException.class, () -> PolicySettings.from(config(Map.of("vigil.drift.ks.thresholds", "0.3,0.2,0.1,0.4"))));
        assertThrows(ConfigException.class, () -> PolicySettings.from(config(Map.of("vigil.drift.confirming.severity", "none"))));
        assertThrows(ConfigException.class, () -> DriftSettings.from(config(Map.of("vigil.drift.rolling.baseline", "30m"))));
    }
}
