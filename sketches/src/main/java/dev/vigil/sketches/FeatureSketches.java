package dev.vigil.sketches;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sketch per named feature: what the retrainer stores as a model version's baseline
 * ({@code ModelVersion.baselineSketches}) and what the drift monitor fills per window. Iteration follows
 * the order of the feature names. Not thread-safe.
 */
public final class FeatureSketches {

    private final Map<String, Sketch> sketches;
    private long skippedValues;

    /** Empty sketches for the given features. */
    public FeatureSketches(List<String> featureNames) {
        sketches = new LinkedHashMap<>();
        for (String name : featureNames) {
            if (sketches.put(name, new Sketch()) != null) {
                throw new IllegalArgumentException("duplicate feature name " + name);
            }
        }
    }

    private FeatureSketches(Map<String, Sketch> sketches) {
        this.sketches = sketches;
    }

    /**
     * Adds one feature vector, values in the order of the feature names. NaN and infinite values (a feature
     * that could not be computed) are skipped and counted in {@link #skippedValues()}.
     */
    public void add(double[] vector) {
        if (vector.length != sketches.size()) {
            throw new IllegalArgumentException("vector has " + vector.length + " values for " + sketches.size()
                    + " features");
        }
        int i = 0;
        for (Sketch sketch : sketches.values()) {
            double value = vector[i++];
            if (Double.isFinite(value)) {
                sketch.add(value);
            } else {
                skippedValues++;
            }
        }
    }

    /** Sketches of all the given vectors. */
    public static FeatureSketches of(List<String> featureNames, Collection<double[]> vectors) {
        FeatureSketches sketches = new FeatureSketches(featureNames);
        vectors.forEach(sketches::add);
        return sketches;
    }

    /** The sketch of one feature, or null for an unknown name. */
    public Sketch get(String featureName) {
        return sketches.get(featureName);
    }

    public List<String> featureNames() {
        return List.copyOf(sketches.keySet());
    }

    /** Non-finite values skipped by {@link #add(double[])}. */
    public long skippedValues() {
        return skippedValues;
    }

    /** Adds another set of sketches of the same features, e.g. a window into a longer horizon. */
    public void merge(FeatureSketches other) {
        if (!sketches.keySet().equals(other.sketches.keySet())) {
            throw new IllegalArgumentException("feature names differ: " + sketches.keySet() + " vs "
                    + other.sketches.keySet());
        }
        sketches.forEach((name, sketch) -> sketch.merge(other.sketches.get(name)));
        skippedValues += other.skippedValues;
    }

    /** Every sketch as bytes, keyed by feature name (for {@code ModelVersion.baselineSketches}). */
    public Map<String, byte[]> toBytes() {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        sketches.forEach((name, sketch) -> encoded.put(name, sketch.toBytes()));
        return encoded;
    }

    /**
     * Reads sketches stored by {@link #toBytes()}.
     *
     * @throws SketchFormatException naming the feature whose bytes are damaged
     */
    public static FeatureSketches fromBytes(Map<String, byte[]> encoded) {
        Map<String, Sketch> sketches = new LinkedHashMap<>();
        encoded.forEach((name, bytes) -> {
            try {
                sketches.put(name, Sketch.fromBytes(bytes));
            } catch (SketchFormatException e) {
                throw new SketchFormatException("baseline sketch of feature " + name + ": " + e.getMessage(), e);
            }
        });
        return new FeatureSketches(sketches);
    }

    /**
     * Judges every feature of a window against this baseline; features missing from either side are judged
     * on an empty sketch, so they show up as not assessed with a reason.
     */
    public List<FeatureDrift> assess(DriftPolicy policy, FeatureSketches window) {
        return sketches.entrySet().stream()
                .map(e -> policy.assess(e.getKey(), e.getValue(),
                        window.sketches.getOrDefault(e.getKey(), new Sketch())))
                .toList();
    }
}
