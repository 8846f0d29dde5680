package dev.vigil.drift.streams;

import dev.vigil.avro.ModelVersion;
import dev.vigil.drift.DriftSettings;
import dev.vigil.drift.DriftSettings.ReferenceMode;
import dev.vigil.drift.check.CheckInput;
import dev.vigil.drift.check.ReferenceWindows;
import dev.vigil.drift.check.SketchPair;
import dev.vigil.drift.state.DriftStores;
import dev.vigil.drift.state.ModelState;
import dev.vigil.drift.state.WindowCounts;
import dev.vigil.sketches.DesignEffect;
import dev.vigil.sketches.Sketch;
import dev.vigil.sketches.SpreadReference;
import dev.vigil.sketches.WindowSummary;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what one check needs from the stores: the window's sketches and counts, and the reference chosen
 * for the model ({@link DriftSettings#referenceFor}):
 * <ul>
 *   <li>{@code auto} (default): seasonal when at least {@code seasonal.min.periods} same-phase windows hold
 *   data, else rolling; decided at every check, so a young model starts rolling and turns seasonal;</li>
 *   <li>{@code seasonal}, {@code rolling}: always that one;</li>
 *   <li>{@code training}: the serving version's training sketches (the production version unless the detectors
 *   refused it); features and score it has none of fall
 *   back to rolling.</li>
 * </ul>
 * Stored-window references start no earlier than the model's floors ({@link ModelState#referenceFrom()} for
 * features, {@link ModelState#scoreFrom()} for the score and alert rate).
 */
final class CheckInputs {
    private final StateAccess state;
    private final DriftSettings settings;
    /** Decoded training sketches of the last serving version seen per model; versions never change. */
    private final Map<String, TrainingSketches> training = new LinkedHashMap<>();
    private final ReferenceWindows references;

    CheckInputs(StateAccess state) {
        this.state = state;
        this.settings = state.settings();
        this.references = new ReferenceWindows(state, settings);
    }

    CheckInput gather(ModelState ms, long start, long end) {
        String model = ms.model();
        String domain = ms.domain();
        Optional<ModelVersion> serving = state.servingVersion(model);
        ReferenceMode mode = settings.referenceFor(model);
        boolean useTraining = mode == ReferenceMode.TRAINING && serving.isPresent();
        TrainingSketches trained = useTraining ? trainingSketches(serving.get()) : TrainingSketches.NONE;
        List<String> names = featureNames(domain, serving, useTraining);
        long featuresFrom = references.earliest(start, ms.referenceFrom());
        long scoreFrom = references.earliest(start, ms.scoreFrom());
        boolean seasonal = references.seasonal(mode, names.stream().map(n -> DriftStores.featureKey(domain, n)).toList(),
                start, featuresFrom);

        List<SketchPair> features = new ArrayList<>(names.size());
        for (String name : names) {
            String key = DriftStores.featureKey(domain, name);
            features.add(pair(name, key, start, featuresFrom, trained.features().get(name), seasonal));
        }
        SketchPair score = pair("score", DriftStores.scoreKey(model), start, scoreFrom, trained.score(), seasonal);
        long horizonStart = end - settings.performanceHorizon().toMillis();
        WindowCounts horizon = state.countsOver(model, horizonStart, start);
        String note = note(mode, features, score, featuresFrom, scoreFrom, ms);
        return new CheckInput(model, domain, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                serving.map(ModelVersion::getVersion), features,
                score.window().isEmpty() && score.baseline().isEmpty() ? Optional.empty() : Optional.of(score),
                state.counts(model, start), horizon, serving.map(CheckInputs::expectedAlertRate),
                serving.map(ModelVersion::getValidation).orElse(Map.of()), note,
                alertDesignEffect(model, start, scoreFrom));
    }

    /** The model's own feature order when it has one; else the names of the domain's latest vector. */
    private List<String> featureNames(String domain, Optional<ModelVersion> serving, boolean useTraining) {
        if (useTraining && !serving.get().getFeatureNames().isEmpty()) {
            return serving.get().getFeatureNames();
        }
        return state.domain(domain).featureNames();
    }

    private SketchPair pair(String name, String key, long start, long from, Sketch trainingSketch, boolean seasonal) {
        if (trainingSketch != null) {
            return new SketchPair(name, state.sketch(key, start).orElseGet(Sketch::new), trainingSketch,
                    SketchPair.Reference.TRAINING, orOne(references.wander(key, start, from)), SpreadReference.NONE, 0);
        }
        return references.pair(name, key, start, from, seasonal);
    }

    private static double orOne(double designEffect) {
        return Double.isNaN(designEffect) ? 1 : designEffect;
    }

    /**
     * Design effect of the alert count: the spread of the reference windows' alert rates against binomial
     * noise, windows of the production version only (its threshold sets the rate). 1 when too few windows.
     */
    private double alertDesignEffect(String model, long start, long from) {
        List<WindowSummary> rates = new ArrayList<>();
        for (WindowCounts c : state.countsPerWindow(model, from, start - settings.window().toMillis())) {
            if (c.scored() >= 2) {
                double rate = (double) c.anomalous() / c.scored();
                rates.add(new WindowSummary(c.scored(), rate, rate * (1 - rate) * c.scored() / (c.scored() - 1)));
            }
        }
        return orOne(DesignEffect.between(rates));
    }

    private String note(ReferenceMode mode, List<SketchPair> features, SketchPair score, long featuresFrom,
                        long scoreFrom, ModelState ms) {
        SketchPair first = features.isEmpty() ? score : features.getFirst();
        boolean floored = ms.referenceFrom() != null && ms.referenceFrom() == featuresFrom;
        return references.describe(mode, first, featuresFrom, floored, score, scoreFrom);
    }

    /** Alert rate at the calibrated threshold: the validation alert rate, else the target false-positive rate. */
    static double expectedAlertRate(ModelVersion version) {
        Double validated = version.getValidation().get("alert_rate");
        return validated != null ? validated : version.getTargetFalsePositiveRate();
    }

    private TrainingSketches trainingSketches(ModelVersion version) {
        TrainingSketches cached = training.get(version.getName());
        if (cached != null && cached.version() == version.getVersion()) {
            return cached;
        }
        Map<String, Sketch> features = new LinkedHashMap<>();
        version.getBaselineSketches().forEach((name, bytes) -> features.put(name, Sketch.fromBytes(bytes(bytes))));
        Sketch score = version.getScoreSketch() == null ? null : Sketch.fromBytes(bytes(version.getScoreSketch()));
        TrainingSketches decoded = new TrainingSketches(version.getVersion(), features, score);
        training.put(version.getName(), decoded);
        return decoded;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private record TrainingSketches(int version, Map<String, Sketch> features, Sketch score) {
        static final TrainingSketches NONE = new TrainingSketches(-1, Map.of(), null);
    }
}
