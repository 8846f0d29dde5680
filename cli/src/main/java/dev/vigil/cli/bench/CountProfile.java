package dev.vigil.cli.bench;

import dev.vigil.models.TrainingSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each entity's mean event count per hour of the week (UTC, Monday 00:00 first), learned from training windows
 * without their labels, and the feature {@value #FEATURE} = event_count / that mean, fitted offline on the whole
 * training period. The apps compute an online, hour-of-day counterpart ({@code count_vs_hour}, the aggregator's
 * {@code HourlyProfile}); the synthetic suite uses this one only for a what-if figure of the classifier, to show how
 * much a baseline per hour of the week, known in advance, would add beyond it.
 */
public final class CountProfile {
    public static final String FEATURE = "count_vs_profile";
    static final int HOURS_OF_WEEK = 7 * 24;

    private final int countColumn;
    private final Map<String, double[]> meanByEntity;
    private final double overallMean;

    private CountProfile(int countColumn, Map<String, double[]> meanByEntity, double overallMean) {
        this.countColumn = countColumn;
        this.meanByEntity = meanByEntity;
        this.overallMean = overallMean;
    }

    /** Learns from every row of {@code train} (labels are not read); needs entities and timestamps. */
    public static CountProfile fit(TrainingSet train, String countFeature) {
        int column = train.featureNames().indexOf(countFeature);
        if (column < 0 || train.entities() == null || train.timestamps() == null) {
            throw new IllegalArgumentException("a count profile needs the feature " + countFeature + ", entities and timestamps");
        }
        Map<String, double[]> sums = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        double total = 0;
        for (int i = 0; i < train.size(); i++) {
            int slot = hourOfWeek(train.timestamps()[i]);
            double value = train.features()[i][column];
            sums.computeIfAbsent(train.entities()[i], e -> new double[HOURS_OF_WEEK])[slot] += value;
            counts.computeIfAbsent(train.entities()[i], e -> new long[HOURS_OF_WEEK])[slot]++;
            total += value;
        }
        double overall = train.size() == 0 ? 0 : total / train.size();
        Map<String, double[]> means = new HashMap<>();
        sums.forEach((entity, s) -> {
            long[] n = counts.get(entity);
            double[] m = new double[HOURS_OF_WEEK];
            for (int h = 0; h < HOURS_OF_WEEK; h++) {
                m[h] = n[h] == 0 ? Double.NaN : s[h] / n[h];
            }
            means.put(entity, m);
        });
        return new CountProfile(column, means, overall);
    }

    /** The entity's mean count in the hour of the week of {@code epochMillis}; the overall mean for an unseen slot. */
    public double expected(String entity, long epochMillis) {
        double[] m = meanByEntity.get(entity);
        double v = m == null ? Double.NaN : m[hourOfWeek(epochMillis)];
        return Double.isNaN(v) ? overallMean : v;
    }

    /** The rows with {@value #FEATURE} appended (count over the expected count, the expected count at least 1). */
    public TrainingSet extend(TrainingSet set) {
        double[][] rows = new double[set.size()][];
        for (int i = 0; i < set.size(); i++) {
            double[] f = set.features()[i];
            rows[i] = java.util.Arrays.copyOf(f, f.length + 1);
            rows[i][f.length] = f[countColumn] / Math.max(1, expected(set.entities()[i], set.timestamps()[i]));
        }
        List<String> names = new ArrayList<>(set.featureNames());
        names.add(FEATURE);
        return new TrainingSet(rows, names, set.labels(), set.entities(), set.timestamps());
    }

    static int hourOfWeek(long epochMillis) {
        ZonedDateTime z = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        return (z.getDayOfWeek().getValue() - 1) * 24 + z.getHour();
    }
}
