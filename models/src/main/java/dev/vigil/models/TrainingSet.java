package dev.vigil.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Feature vectors to train or validate on.
 *
 * @param features     one row per window, columns in {@code featureNames} order
 * @param featureNames the feature schema
 * @param labels       optional, one per row: {@link #UNKNOWN}, {@link #NORMAL} or {@link #ANOMALY}
 * @param entities     optional entity key per row; rows of one entity form a sequence
 * @param timestamps   optional window start (epoch ms) per row, orders each entity's sequence
 */
public record TrainingSet(double[][] features, List<String> featureNames, int[] labels, String[] entities,
                          long[] timestamps) {

    public static final int UNKNOWN = -1;
    public static final int NORMAL = 0;
    public static final int ANOMALY = 1;

    public TrainingSet {
        Objects.requireNonNull(features, "features");
        featureNames = List.copyOf(featureNames);
        for (int i = 0; i < features.length; i++) {
            if (features[i] == null || features[i].length != featureNames.size()) {
                throw new IllegalArgumentException("row " + i + " does not have " + featureNames.size() + " features");
            }
        }
        requireLength("labels", labels == null ? -1 : labels.length, features.length);
        requireLength("entities", entities == null ? -1 : entities.length, features.length);
        requireLength("timestamps", timestamps == null ? -1 : timestamps.length, features.length);
    }

    /** An unlabelled set with no sequence information. */
    public static TrainingSet of(double[][] features, List<String> featureNames) {
        return new TrainingSet(features, featureNames, null, null, null);
    }

    /** A labelled set with no sequence information. */
    public static TrainingSet labelled(double[][] features, List<String> featureNames, int[] labels) {
        return new TrainingSet(features, featureNames, labels, null, null);
    }

    /** The same rows (labels, entities, times) with other feature values. */
    public TrainingSet withFeatures(double[][] rows) {
        return new TrainingSet(rows, featureNames, labels, entities, timestamps);
    }

    private static void requireLength(String name, int length, int rows) {
        if (length >= 0 && length != rows) {
            throw new IllegalArgumentException(name + " has " + length + " entries for " + rows + " rows");
        }
    }

    public int size() {
        return features.length;
    }

    public int dimension() {
        return featureNames.size();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public int label(int row) {
        return labels == null ? UNKNOWN : labels[row];
    }

    public long count(int label) {
        return labels == null ? (label == UNKNOWN ? size() : 0) : Arrays.stream(labels).filter(l -> l == label).count();
    }

    /** Rows not labelled anomalous: what unsupervised detectors learn "normal" from. */
    public double[][] normalRows() {
        if (labels == null) {
            return features;
        }
        List<double[]> rows = new ArrayList<>(features.length);
        for (int i = 0; i < features.length; i++) {
            if (labels[i] != ANOMALY) {
                rows.add(features[i]);
            }
        }
        return rows.toArray(double[][]::new);
    }

    /**
     * Row indices grouped by entity, each group in time order. Without entity keys the whole set is one
     * sequence; without timestamps the row order is taken as time order.
     */
    public List<int[]> sequences() {
        Map<String, List<Integer>> byEntity = new LinkedHashMap<>();
        for (int i = 0; i < features.length; i++) {
            byEntity.computeIfAbsent(entities == null ? "" : entities[i], k -> new ArrayList<>()).add(i);
        }
        List<int[]> sequences = new ArrayList<>(byEntity.size());
        for (List<Integer> rows : byEntity.values()) {
            if (timestamps != null) {
                rows.sort(Comparator.comparingLong(i -> timestamps[i]));
            }
            sequences.add(rows.stream().mapToInt(Integer::intValue).toArray());
        }
        return sequences;
    }

    /** The rows at the given indices, keeping every optional column. */
    public TrainingSet subset(int[] rows) {
        double[][] f = new double[rows.length][];
        int[] l = labels == null ? null : new int[rows.length];
        String[] e = entities == null ? null : new String[rows.length];
        long[] t = timestamps == null ? null : new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            f[i] = features[rows[i]];
            if (l != null) l[i] = labels[rows[i]];
            if (e != null) e[i] = entities[rows[i]];
            if (t != null) t[i] = timestamps[rows[i]];
        }
        return new TrainingSet(f, featureNames, l, e, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingSet other && Arrays.deepEquals(features, other.features)
                && featureNames.equals(other.featureNames) && Arrays.equals(labels, other.labels)
                && Arrays.equals(entities, other.entities) && Arrays.equals(timestamps, other.timestamps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.deepHashCode(features), featureNames, Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
        return "TrainingSet[rows=" + size() + ", features=" + dimension() + ", labelled=" + hasLabels() + "]";
    }
}
