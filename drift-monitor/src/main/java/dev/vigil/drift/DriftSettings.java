package dev.vigil.drift;

import dev.vigil.kit.config.ConfigException;
import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * The drift monitor's settings ({@code vigil.drift.*}), read once from the app's configuration.
 *
 * @param window length of one drift window; every window of every model is checked once it closes
 * @param grace how long after a window's end, in data time, records for it are still awaited
 * @param reference which baseline the windows are compared with
 * @param rollingBaseline how much history before a window forms the rolling baseline
 * @param cooldown minimum time between two retrain requests for one model
 * @param performanceHorizon how many windows' worth of labels are pooled for precision and recall
 * @param partitions partitions of the internal topics that group inputs by domain
 */
public record DriftSettings(Duration window, Duration grace, ReferenceMode reference, Duration rollingBaseline,
                            Duration cooldown, Duration performanceHorizon, int partitions) {

    /** Which baseline the checks use. */
    public enum ReferenceMode {
        /** The production version's training sketches; rolling for features or scores it has no sketch of. */
        TRAINING,
        /** The previous {@code rollingBaseline} of data before each window. */
        ROLLING
    }

    public static final String PREFIX = "vigil.drift.";

    public DriftSettings {
        requirePositive("window", window);
        if (grace.isNegative()) {
            throw new ConfigException(PREFIX + "grace must not be negative");
        }
        requirePositive("rolling.baseline", rollingBaseline);
        requirePositive("performance.horizon", performanceHorizon);
        if (rollingBaseline.compareTo(window) < 0 || performanceHorizon.compareTo(window) < 0) {
            throw new ConfigException(PREFIX + "rolling.baseline and " + PREFIX
                    + "performance.horizon must be at least one window long");
        }
        if (cooldown.isNegative() || partitions < 1) {
            throw new ConfigException(PREFIX + "cooldown must not be negative and partitions must be positive");
        }
    }

    public static DriftSettings from(VigilConfig config) {
        return new DriftSettings(
                config.getDuration(PREFIX + "window", Duration.ofHours(1)),
                config.getDuration(PREFIX + "grace", Duration.ofMinutes(5)),
                referenceMode(config.get(PREFIX + "reference", "training")),
                config.getDuration(PREFIX + "rolling.baseline", Duration.ofDays(7)),
                config.getDuration(PREFIX + "cooldown", Duration.ofHours(12)),
                config.getDuration(PREFIX + "performance.horizon", Duration.ofHours(24)),
                config.getInt(PREFIX + "partitions", config.getInt("vigil.topics.partitions", 3)));
    }

    private static ReferenceMode referenceMode(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "training", "training_baseline", "production" -> ReferenceMode.TRAINING;
            case "rolling" -> ReferenceMode.ROLLING;
            default -> throw new ConfigException(PREFIX + "reference must be training or rolling, not '" + text + "'");
        };
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(PREFIX + key + " must be positive");
        }
    }

    /** Start of the window that contains the instant, windows being aligned to the epoch. */
    public long windowStartOf(long epochMillis) {
        long size = window.toMillis();
        return Math.floorDiv(epochMillis, size) * size;
    }

    /**
     * How long window stores keep data: the longest look-back (rolling baseline or label horizon) plus the
     * window itself and the grace, so a check still finds every window it merges.
     */
    public Duration retention() {
        Duration lookBack = rollingBaseline.compareTo(performanceHorizon) >= 0 ? rollingBaseline : performanceHorizon;
        return lookBack.plus(window).plus(window).plus(grace);
    }
}
