package dev.vigil.cli.bench;

import dev.vigil.ingest.csv.LabelledWindow;
import dev.vigil.models.TrainingSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of one labelled BGP feature file (one peer's sequence during one event), in file order.
 *
 * @param event  the event the file covers: the {@code <event>} of a UFAM name, else the file name
 * @param starts window start of each row, epoch milliseconds
 * @param binMillis length of a window
 */
record BgpFile(String name, String event, List<String> featureNames, double[][] features, long[] starts,
               boolean[] anomalous, long binMillis) {
    private static final Pattern UFAM = Pattern.compile("dataset(?:_multi)?_(.+?)_(\\d+)(?:_(\\d+))?_(rrc\\d+).*\\.csv");

    static BgpFile of(String name, List<LabelledWindow> windows) {
        int n = windows.size();
        double[][] features = new double[n][];
        long[] starts = new long[n];
        boolean[] anomalous = new boolean[n];
        for (int i = 0; i < n; i++) {
            LabelledWindow w = windows.get(i);
            features[i] = w.vector().getValues().stream().mapToDouble(Double::doubleValue).toArray();
            starts[i] = w.vector().getWindowStart().toEpochMilli();
            anomalous[i] = w.label().getAnomalous();
        }
        LabelledWindow first = windows.get(0);
        long bin = first.vector().getWindowEnd().toEpochMilli() - first.vector().getWindowStart().toEpochMilli();
        Matcher m = UFAM.matcher(name);
        String event = m.matches() ? m.group(1) : name.replaceFirst("\\.csv$", "");
        return new BgpFile(name, event, List.copyOf(first.vector().getFeatureNames()), features, starts, anomalous, bin);
    }

    /**
     * The files of the smallest window length present: UFAM publishes each event at 1, 5 and 10 minutes, and
     * mixing them would mix feature scales (counts per minute against counts per ten minutes).
     */
    static List<BgpFile> smallestBin(List<BgpFile> files) {
        long bin = files.stream().mapToLong(BgpFile::binMillis).min().orElse(0);
        return files.stream().filter(f -> f.binMillis() == bin).toList();
    }

    /** All rows of the files, labelled, with the file name as entity so each file is one sequence. */
    static TrainingSet trainingSet(List<BgpFile> files) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (BgpFile f : files) {
            if (!f.featureNames().equals(files.get(0).featureNames())) {
                throw new IllegalArgumentException(f.name() + " has other features than " + files.get(0).name());
            }
            for (int i = 0; i < f.features().length; i++) {
                rows.add(f.features()[i]);
                labels.add(f.anomalous()[i] ? TrainingSet.ANOMALY : TrainingSet.NORMAL);
                entities.add(f.name());
                times.add(f.starts()[i]);
            }
        }
        return new TrainingSet(rows.toArray(double[][]::new), files.get(0).featureNames(),
                labels.stream().mapToInt(Integer::intValue).toArray(), entities.toArray(String[]::new),
                times.stream().mapToLong(Long::longValue).toArray());
    }
}
