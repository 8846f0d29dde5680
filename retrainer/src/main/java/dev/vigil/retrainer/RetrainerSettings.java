package dev.vigil.retrainer;

import dev.vigil.kit.config.Durations;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.models.Algorithms;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every {@code vigil.retrainer.*} setting, read once. Defaults are documented in the module README and
 * shipped in {@code vigil-retrainer.properties}.
 *
 * @param cooldown             minimum time between two versions of one model, unless a request is forced
 * @param maxInterval          a model whose newest version is older than this gets a scheduled retrain
 * @param trainingWindow       how far back the feature topic is read
 * @param minSamples           fewest vectors a domain needs before anything is trained
 * @param minSpan              event time a domain's vectors must span before its first model is trained (bootstrap),
 *                             so that model knows every hour of the daily cycle; 30 h (a day and the holdout beyond it),
 *                             or {@code trainingWindow} when that is shorter, unless set; never more than {@code trainingWindow}
 * @param minSamplesSinceChange fewest vectors since a change (a confirmed drift) that suffice to train on the new regime
 *                             alone, per domain ({@code min.samples.since.change.<domain>}) with the key "" for every
 *                             other domain; {@code minSamples} when not set
 * @param maxSamples           most vectors kept (the newest), so memory stays bounded
 * @param holdoutFraction      newest part of the data kept for validation
 * @param detectors            detector types trained for a domain request
 * @param promotion            what a version that passes validation becomes
 * @param shadowDuration       how long a staging version scores in shadow before it is promoted
 * @param tolerance            how much worse than production (PR-AUC, F1) a candidate may be and still pass
 * @param maxAlertRateFactor   unlabelled holdout: alert rate may be at most this times the target FPR
 * @param targetFpr            false-positive rate thresholds are calibrated for
 * @param searchBudget         time budget of the hyper-parameter search per detector; zero trains defaults
 * @param labelRequests        how many windows to ask analysts about per retrain (0 turns it off)
 * @param labelCandidates      pool of most uncertain windows the label requests are spread over
 * @param pseudoLabels         whether the classifier may learn from confident unsupervised verdicts
 * @param pseudoLow            calibrated score at or below which an unlabelled window counts as normal
 * @param pseudoHigh           calibrated score at or above which an unlabelled window counts as anomalous
 * @param bootstrapDomains     domains watched for a first model
 * @param checkInterval        how often bootstrap, schedule and shadow promotion are checked
 * @param trainingClock        whether the training window ends now (wall) or at the newest feature record (data)
 * @param features             which features each domain's models train on
 */
public record RetrainerSettings(Duration cooldown, Duration maxInterval, Duration trainingWindow, int minSamples, Duration minSpan,
                                Map<String, Integer> minSamplesSinceChange, int maxSamples, double holdoutFraction, List<String> detectors, Promotion promotion,
                                Duration shadowDuration, double tolerance, double maxAlertRateFactor, double targetFpr,
                                Duration searchBudget, int labelRequests, int labelCandidates, boolean pseudoLabels,
                                double pseudoLow, double pseudoHigh, List<String> bootstrapDomains, Duration checkInterval,
                                TrainingClock trainingClock, FeatureSelection features) {

    public RetrainerSettings {
        if (minSpan.compareTo(trainingWindow) > 0) {
            throw new IllegalArgumentException(PREFIX + "min.span (" + Durations.format(minSpan) + ") exceeds " + PREFIX
                    + "training.window (" + Durations.format(trainingWindow) + "): no training window could hold a first model's data");
        }
    }

    /** What the training window ends at. */
    public enum TrainingClock {
        /** The wall clock: live data. */
        WALL,
        /** The newest record on the feature topic: replays of historical data, and accelerated demos. */
        DATA
    }

    /** What a version that passes validation becomes. */
    public enum Promotion {
        /** Straight to production. */
        DIRECT,
        /** Staging, scored in shadow for {@code shadowDuration}, then production. */
        SHADOW,
        /** Stays a candidate until an operator promotes it. */
        MANUAL
    }

    public static final String PREFIX = "vigil.retrainer.";
    /**
     * A day to train on and the holdout's 20 % beyond it: the holdout is the newest rows, so a first model over a day
     * alone was validated on evening hours it had not trained on, and where the data has a daily cycle it failed.
     */
    private static final Duration FIRST_MODEL_SPAN = Duration.ofHours(30);

    public static RetrainerSettings from(VigilConfig c) {
        Duration trainingWindow = c.getDuration(PREFIX + "training.window", Duration.ofDays(7));
        return new RetrainerSettings(
                c.getDuration(PREFIX + "cooldown", Duration.ofHours(12)),
                c.getDuration(PREFIX + "max.interval", Duration.ofDays(7)),
                trainingWindow,
                c.getInt(PREFIX + "min.samples", 1000),
                // Unset, a shorter training window lowers it: the window is all a first model can see anyway.
                c.getDuration(PREFIX + "min.span", trainingWindow.compareTo(FIRST_MODEL_SPAN) < 0 ? trainingWindow : FIRST_MODEL_SPAN),
                sinceChangeMinimums(c),
                c.getInt(PREFIX + "max.samples", 200_000),
                c.getDouble(PREFIX + "holdout.fraction", 0.2),
                list(c.get(PREFIX + "detectors", String.join(",", Algorithms.ALL))),
                Promotion.valueOf(c.get(PREFIX + "promotion", "shadow").trim().toUpperCase()),
                c.getDuration(PREFIX + "shadow.duration", Duration.ofHours(1)),
                c.getDouble(PREFIX + "promotion.tolerance", 0.02),
                c.getDouble(PREFIX + "promotion.max.alert.rate.factor", 3.0),
                c.getDouble(PREFIX + "target.fpr", 0.01),
                c.getDuration(PREFIX + "search.budget", Duration.ZERO),
                c.getInt(PREFIX + "label.requests", 20),
                c.getInt(PREFIX + "label.candidates", 200),
                c.getBoolean(PREFIX + "pseudo.labels", false),
                c.getDouble(PREFIX + "pseudo.labels.low", 0.02),
                c.getDouble(PREFIX + "pseudo.labels.high", 0.98),
                list(c.get(PREFIX + "bootstrap.domains", String.join(",", Domains.ALL))),
                c.getDuration(PREFIX + "check.interval", Duration.ofMinutes(1)),
                TrainingClock.valueOf(c.get(PREFIX + "training.clock", "wall").trim().toUpperCase()),
                FeatureSelection.from(c.asMap()));
    }

    /**
     * Fewest vectors of {@code domain} since a change that are trained on alone. A domain of few entities may set it
     * below {@code min.samples}: after a drift, hours of the new regime beat days that mix both.
     */
    public int minSamplesSinceChange(String domain) {
        return minSamplesSinceChange.getOrDefault(domain, minSamplesSinceChange.getOrDefault("", minSamples));
    }

    private static final String SINCE_CHANGE = PREFIX + "min.samples.since.change";

    private static Map<String, Integer> sinceChangeMinimums(VigilConfig c) {
        Map<String, Integer> minimums = new TreeMap<>();
        c.asMap().keySet().stream().filter(k -> k.equals(SINCE_CHANGE) || k.startsWith(SINCE_CHANGE + "."))
                .forEach(k -> minimums.put(k.equals(SINCE_CHANGE) ? "" : k.substring(SINCE_CHANGE.length() + 1), c.getInt(k, 0)));
        minimums.forEach((domain, n) -> {
            if (n < 1) {
                throw new IllegalArgumentException(SINCE_CHANGE + (domain.isEmpty() ? "" : "." + domain) + " must be at least 1, not " + n);
            }
        });
        return Map.copyOf(minimums);
    }

    /** The defaults, as {@link #from} gives them for an empty configuration. */
    public static RetrainerSettings defaults() {
        return from(VigilConfig.of("retrainer", java.util.Map.of()));
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
