package dev.vigil.drift.streams;

import dev.vigil.avro.ModelVersion;
import dev.vigil.drift.DriftSettings;
import dev.vigil.drift.DriftSettings.ReferenceMode;
import dev.vigil.drift.check.CheckInput;
import dev.vigil.drift.check.SketchPair;
import dev.vigil.drift.state.DriftStores;
import dev.vigil.drift.state.WindowCounts;
import dev.vigil.sketches.Sketch;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what one check needs from the stores: the window's sketches and counts, and the reference: the
 * production version's training sketches, or the merge of the windows of the rolling baseline. Features
 * and score the training version has no sketch of fall back to the rolling baseline.
 */
final class CheckInputs {
    private final StateAccess state;
    private final DriftSettings settings;
    /** Decoded training sketches of the last production version seen per model; versions never change. */
    private final Map<String, TrainingSketches> training = new LinkedHashMap<>();
    private final RollingBaselines rolling;

    CheckInputs(StateAccess state) {
        this.state = state;
        this.settings = state.settings();
        this.rolling = new RollingBaselines(state, settings);
    }

    CheckInput gather(String model, String domain, long start, long end) {
        Optional<ModelVersion> production = state.productionVersion(model);
        boolean useTraining = settings.reference() == ReferenceMode.TRAINING && production.isPresent();
        TrainingSketches reference = useTraining ? trainingSketches(production.get()) : TrainingSketches.NONE;
        List<String> names = featureNames(domain, production, useTraining);

        List<SketchPair> features = new ArrayList<>(names.size());
        for (String name : names) {
            String key = DriftStores.featureKey(domain, name);
            features.add(pair(name, key, start, reference.features().get(name)));
        }
        SketchPair score = pair("score", DriftStores.scoreKey(model), start, reference.score());
        long horizonStart = end - settings.performanceHorizon().toMillis();
        WindowCounts horizon = state.countsOver(model, horizonStart, start);
        return new CheckInput(model, domain, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                production.map(ModelVersion::getVersion), features,
                score.window().isEmpty() && score.baseline().isEmpty() ? Optional.empty() : Optional.of(score),
                state.counts(model, start), horizon, production.map(CheckInputs::expectedAlertRate),
                production.map(ModelVersion::getValidation).orElse(Map.of()));
    }

    /** The model's own feature order when it has one; else the names of the domain's latest vector. */
    private List<String> featureNames(String domain, Optional<ModelVersion> production, boolean useTraining) {
        if (useTraining && !production.get().getFeatureNames().isEmpty()) {
            return production.get().getFeatureNames();
        }
        return state.domain(domain).featureNames();
    }

    private SketchPair pair(String name, String key, long start, Sketch trainingSketch) {
        Sketch window = state.sketch(key, start).orElseGet(Sketch::new);
        if (trainingSketch != null) {
            return new SketchPair(name, window, trainingSketch, false);
        }
        return new SketchPair(name, window, rolling.before(key, start), true);
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
