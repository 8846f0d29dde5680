package dev.vigil.detectors;

import dev.vigil.avro.ModelVersion;
import dev.vigil.sketches.Sketch;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The canary rows a freshly loaded model must score sanely before it may serve: the most recent vectors
 * of its domain seen by this instance (so the check uses the schema and value ranges the scorer really
 * feeds), or, before any vector has arrived (e.g. at start-up), rows built from the quantiles of the
 * version's own training baseline sketches.
 */
public final class CanarySet {
    /** Quantiles of the baseline sketches used as synthetic canary rows when no vector has been seen. */
    private static final double[] QUANTILES = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99};

    private final int capacity;
    private final Map<String, Recent> byDomain = new ConcurrentHashMap<>();

    public CanarySet(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** What the model is checked against: the scorer's feature schema and rows in that schema. */
    public record Rows(List<String> featureNames, double[][] rows, String source) {
    }

    /** Remembers a scored vector (called by scoring threads; cheap). */
    public void offer(String domain, List<String> featureNames, double[] values) {
        byDomain.computeIfAbsent(domain, d -> new Recent()).add(featureNames, values, capacity);
    }

    /** Canary rows for a version of a model of {@code domain}. */
    public Rows rowsFor(String domain, ModelVersion version) {
        Recent recent = byDomain.get(domain);
        Rows seen = recent == null ? null : recent.snapshot();
        return seen != null ? seen : fromBaseline(version);
    }

    static Rows fromBaseline(ModelVersion version) {
        List<String> names = List.copyOf(version.getFeatureNames());
        Map<String, ByteBuffer> sketches = version.getBaselineSketches();
        double[][] rows = new double[QUANTILES.length][names.size()];
        boolean fromSketches = sketches != null && sketches.keySet().containsAll(names) && !names.isEmpty();
        for (int j = 0; j < names.size() && fromSketches; j++) {
            Sketch sketch = decode(sketches.get(names.get(j)));
            if (sketch == null || sketch.isEmpty()) {
                fromSketches = false;
                break;
            }
            for (int q = 0; q < QUANTILES.length; q++) {
                rows[q][j] = sketch.quantile(QUANTILES[q]);
            }
        }
        if (!fromSketches) {
            // No usable baseline: a zero row still proves the model loads, has the schema and gives finite scores.
            return new Rows(names, new double[][] {new double[names.size()]}, "zeros");
        }
        return new Rows(names, rows, "baseline-sketches");
    }

    private static Sketch decode(ByteBuffer buffer) {
        try {
            ByteBuffer b = buffer.duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return Sketch.fromBytes(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A bounded ring of one domain's recent vectors; rows with another schema than the newest are dropped. */
    private static final class Recent {
        private final Deque<double[]> rows = new ArrayDeque<>();
        private List<String> names = List.of();

        synchronized void add(List<String> featureNames, double[] values, int capacity) {
            if (!featureNames.equals(names)) {
                names = List.copyOf(featureNames);
                rows.clear();
            }
            rows.addLast(values.clone());
            while (rows.size() > capacity) {
                rows.removeFirst();
            }
        }

        synchronized Rows snapshot() {
            return rows.isEmpty() ? null : new Rows(names, new ArrayList<>(rows).toArray(double[][]::new), "recent-vectors");
        }
    }
}
