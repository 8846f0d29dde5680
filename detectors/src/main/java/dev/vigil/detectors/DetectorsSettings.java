package dev.vigil.detectors;

import dev.vigil.models.adaptive.AdaptiveSettings;
import dev.vigil.schemas.Entities;
import java.util.Set;
import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;

/**
 * The app's settings ({@code vigil.detectors.*}; defaults in {@code vigil-detectors.properties}).
 *
 * @param historyWindows windows kept per entity for the forecaster (at least the longest lag of a serving model)
 * @param canarySize     recent vectors per domain a new model version is checked on
 * @param reportInterval how often refusals are reported to {@code model.versions.dlq} and waiting versions checked
 * @param artifactWait   how long an announced version may wait for its artifact chunks before it is refused
 * @param shadow         whether staging versions are scored in shadow
 * @param adaptive       whether each entity is also scored by its own adaptive detector (detector {@code adaptive})
 * @param adaptiveDomains the domains whose entities it scores: by default {@code telemetry-metric} (measured on NAB)
 *                       and {@code telemetry-service} (measured in the demo); on BGP peers its low scores lowered the
 *                       fused figures (README)
 * @param adaptiveSettings that detector's configuration: the shipped defaults unless overridden
 * @param adaptiveExpiry how long an entity's adaptive state is kept after its last window (stream time)
 */
public record DetectorsSettings(int historyWindows, int canarySize, Duration reportInterval, Duration artifactWait,
                                boolean shadow, boolean adaptive, Set<String> adaptiveDomains, AdaptiveSettings adaptiveSettings,
                                Duration adaptiveExpiry) {
    public static final String PREFIX = "vigil.detectors.";

    public static DetectorsSettings from(VigilConfig config) {
        return new DetectorsSettings(
                config.getInt(PREFIX + "history.windows", 12),
                config.getInt(PREFIX + "canary.size", 64),
                config.getDuration(PREFIX + "report.interval", Duration.ofSeconds(1)),
                config.getDuration(PREFIX + "artifact.wait", Duration.ofSeconds(30)),
                config.getBoolean(PREFIX + "shadow.enabled", true),
                config.getBoolean(PREFIX + "adaptive.enabled", true),
                Set.of(config.get(PREFIX + "adaptive.domains", Entities.TELEMETRY_METRIC + "," + Entities.TELEMETRY_SERVICE)
                        .trim().split("\\s*,\\s*")),
                adaptiveSettings(config),
                config.getDuration(PREFIX + "adaptive.expiry", Duration.ofDays(7)));
    }

    /** Whether the adaptive detector scores the entities of this domain. */
    public boolean adaptiveScores(String domain) {
        return adaptive && adaptiveDomains.contains(domain);
    }

    private static AdaptiveSettings adaptiveSettings(VigilConfig config) {
        AdaptiveSettings d = AdaptiveSettings.DEFAULTS;
        String p = PREFIX + "adaptive.";
        return new AdaptiveSettings(config.getInt(p + "learning.windows", d.learningWindows()), d.levels(), d.maxOrder(),
                d.memorySlots(), d.shortWindow(), d.longHorizon(), config.getDouble(p + "threshold", d.threshold()),
                config.getInt(p + "settle.windows", d.settleWindows()));
    }
}
