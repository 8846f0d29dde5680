package dev.vigil.detectors;

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
 */
public record DetectorsSettings(int historyWindows, int canarySize, Duration reportInterval, Duration artifactWait,
                                boolean shadow) {
    public static final String PREFIX = "vigil.detectors.";

    public static DetectorsSettings from(VigilConfig config) {
        return new DetectorsSettings(
                config.getInt(PREFIX + "history.windows", 12),
                config.getInt(PREFIX + "canary.size", 64),
                config.getDuration(PREFIX + "report.interval", Duration.ofSeconds(1)),
                config.getDuration(PREFIX + "artifact.wait", Duration.ofSeconds(30)),
                config.getBoolean(PREFIX + "shadow.enabled", true));
    }
}
