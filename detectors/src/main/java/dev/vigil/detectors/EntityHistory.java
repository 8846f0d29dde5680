package dev.vigil.detectors;

import java.util.ArrayList;
import java.util.List;

/**
 * The last windows of one entity, oldest first, in the feature order of {@link #featureNames}: what the
 * forecaster predicts the next window from. Immutable; {@link #append} returns a new history.
 */
public record EntityHistory(List<String> featureNames, List<Long> windowStarts, List<double[]> rows) {

    public static final EntityHistory EMPTY = new EntityHistory(List.of(), List.of(), List.of());

    public EntityHistory {
        featureNames = List.copyOf(featureNames);
        windowStarts = List.copyOf(windowStarts);
        rows = List.copyOf(rows);
        if (windowStarts.size() != rows.size()) {
            throw new IllegalArgumentException(windowStarts.size() + " window starts for " + rows.size() + " rows");
        }
    }

    public int size() {
        return rows.size();
    }

    /**
     * Windows strictly before {@code windowStart} in the given schema, oldest first: a replayed or repeated
     * window is never its own history, and a schema change starts the history afresh.
     */
    public List<double[]> before(long windowStart, List<String> schema) {
        if (!schema.equals(featureNames)) {
            return List.of();
        }
        int end = 0;
        while (end < windowStarts.size() && windowStarts.get(end) < windowStart) {
            end++;
        }
        return rows.subList(0, end);
    }

    /** This history with the window added (replacing a window with the same start), keeping the last {@code keep}. */
    public EntityHistory append(long windowStart, List<String> schema, double[] values, int keep) {
        List<Long> starts = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        if (schema.equals(featureNames)) {
            for (int i = 0; i < rows.size(); i++) {
                if (windowStarts.get(i) != windowStart) {
                    starts.add(windowStarts.get(i));
                    kept.add(rows.get(i));
                }
            }
        }
        int at = 0;
        while (at < starts.size() && starts.get(at) < windowStart) {
            at++;
        }
        starts.add(at, windowStart);
        kept.add(at, values.clone());
        int from = Math.max(0, starts.size() - Math.max(1, keep));
        return new EntityHistory(schema, starts.subList(from, starts.size()), kept.subList(from, kept.size()));
    }
}
