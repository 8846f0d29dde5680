package dev.vigil.drift;

import dev.vigil.kit.config.ConfigException;
import dev.vigil.kit.config.VigilConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
 * @param modelReferences reference mode per model, overriding {@code reference} ({@code vigil.drift.reference.<model>})
 * @param seasonalPeriod the period of the seasonal reference (1 day: same hour of day; 7 days: same hour of week)
 * @param seasonalMinPeriods fewest same-phase windows with data for {@code auto} to choose the seasonal reference
 */
public record DriftSettings(Duration window, Duration grace, ReferenceMode reference, Duration rollingBaseline,
                            Duration cooldown, Duration performanceHorizon, int partitions,
                            Map<String, ReferenceMode> modelReferences, Duration seasonalPeriod,
                            int seasonalMinPeriods) {

    /** Which baseline the checks use. */
    public enum ReferenceMode {
        /** The production version's training sketches; rolling for features or scores it has no sketch of. */
        TRAINING,
        /** The previous {@code rollingBaseline} of data before each window. */
        ROLLING,
        /** The windows at the same phase of {@code seasonalPeriod} within the rolling span. */
        SEASONAL,
        /** Seasonal when enough same-phase windows exist, else rolling: chosen per model at every check. */
        AUTO
    }

    /** The settings of the first versions, before seasonal references: kept for tests and callers. */
    public DriftSettings(Duration window, Duration grace, ReferenceMode reference, Duration rollingBaseline,
                         Duration cooldown, Duration performanceHorizon, int partitions) {
        this(window, grace, reference, rollingBaseline, cooldown, performanceHorizon, partitions, Map.of(),
                Duration.ofDays(1), 1);
    }

    /** The reference mode of one model. */
    public ReferenceMode referenceFor(String model) {
        return modelReferences.getOrDefault(model, reference);
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
        modelReferences = Map.copyOf(modelReferences);
        requirePositive("seasonal.period", seasonalPeriod);
        if (seasonalMinPeriods < 1) {
            throw new ConfigException(PREFIX + "seasonal.min.periods must be at least 1");
        }
        if (cooldown.isNegative() || partitions < 1) {
            throw new ConfigException(PREFIX + "cooldown must not be negative and partitions must be positive");
        }
    }

    public static DriftSettings from(VigilConfig config) {
        return new DriftSettings(
                config.getDuration(PREFIX + "window", Duration.ofHours(1)),
                config.getDuration(PREFIX + "grace", Duration.ofMinutes(5)),
                referenceMode(config.get(PREFIX + "reference", "auto")),
                config.getDuration(PREFIX + "rolling.baseline", Duration.ofDays(7)),
                config.getDuration(PREFIX + "cooldown", Duration.ofHours(12)),
                config.getDuration(PREFIX + "performance.horizon", Duration.ofHours(24)),
                config.getInt(PREFIX + "partitions", config.getInt("vigil.topics.partitions", 3)),
                modelReferences(config),
                config.getDuration(PREFIX + "seasonal.period", Duration.ofDays(1)),
                config.getInt(PREFIX + "seasonal.min.periods", 1));
    }

    /** {@code vigil.drift.reference.<model>=<mode>} entries. */
    private static Map<String, ReferenceMode> modelReferences(VigilConfig config) {
        Map<String, ReferenceMode> out = new TreeMap<>();
        String prefix = PREFIX + "reference.";
        config.asMap().forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length() && value != null && !value.isBlank()) {
                out.put(key.substring(prefix.length()), referenceMode(value));
            }
        });
        return out;
    }

    private static ReferenceMode referenceMode(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "training", "training_baseline", "production" -> ReferenceMode.TRAINING;
            case "rolling" -> ReferenceMode.ROLLING;
            case "seasonal" -> ReferenceMode.SEASONAL;
            case "auto" -> ReferenceMode.AUTO;
            default -> throw new ConfigException(PREFIX + "reference must be auto, seasonal, rolling or training, not '"
                    + text + "'");
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
