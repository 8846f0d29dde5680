package dev.vigil.models;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each feature a model expects sits in a vector, by name: a model trained on some of a domain's features (or
 * on them in another order) scores the domain's full vectors. Used by the detectors' scorer and by the canary check
 * that admits a model, so both accept exactly the same vectors.
 */
public final class FeatureAlignment {
    /** Marker for "same names in the same order": no copy needed. */
    private static final int[] IDENTITY = new int[0];

    private final int[] index;

    private FeatureAlignment(int[] index) {
        this.index = index;
    }

    /** The alignment of {@code actual} to {@code expected}, or null when a feature the model expects is missing. */
    public static FeatureAlignment of(List<String> expected, List<String> actual) {
        if (expected.equals(actual)) {
            return new FeatureAlignment(IDENTITY);
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < actual.size(); i++) {
            position.put(actual.get(i), i);
        }
        int[] index = new int[expected.size()];
        for (int j = 0; j < index.length; j++) {
            Integer at = position.get(expected.get(j));
            if (at == null) {
                return null;
            }
            index[j] = at;
        }
        return new FeatureAlignment(index);
    }

    /** The features the model expects that {@code actual} lacks. */
    public static List<String> missing(List<String> expected, List<String> actual) {
        return expected.stream().filter(f -> !actual.contains(f)).toList();
    }

    /** The model's values out of a vector's values. */
    public double[] select(double[] values) {
        if (index == IDENTITY) {
            return values;
        }
        double[] out = new double[index.length];
        for (int j = 0; j < index.length; j++) {
            out[j] = values[index[j]];
        }
        return out;
    }

    /** The model's values out of each row. */
    public List<double[]> select(List<double[]> rows) {
        return index == IDENTITY ? rows : rows.stream().map(this::select).toList();
    }
}
