package dev.vigil.retrainer.bench;

import dev.vigil.models.TrainingSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The 53-feature BGP set of the UFAM-LIA labelled datasets (datasets/bgp_ufam_multi_event, MIT): one row per
 * peer per minute, class 0 normal and 1-3 anomalous. Each file is one entity's sequence; the first
 * {@code maxRows} rows of the 1-minute files, in file-name order, are read.
 */
public final class UfamBgpFeatures {
    private static final Set<String> NOT_FEATURES = Set.of("", "class", "timestamp", "timestamp2");

    private UfamBgpFeatures() {
    }

    /** The dataset folder: {@code vigil.datasets} system property, else {@code ../shared/datasets} of the working directory. */
    public static Path folder() {
        return Path.of(System.getProperty("vigil.datasets", "../shared/datasets"), "bgp_ufam_multi_event");
    }

    public static TrainingSet load(Path folder, int maxRows) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> names = null;
        for (Path file : oneMinuteFiles(folder)) {
            try (BufferedReader in = Files.newBufferedReader(file)) {
                String[] header = in.readLine().split(",", -1);
                List<Integer> columns = new ArrayList<>();
                List<String> fileNames = new ArrayList<>();
                int classColumn = -1;
                int timeColumn = -1;
                for (int c = 0; c < header.length; c++) {
                    classColumn = header[c].equals("class") ? c : classColumn;
                    timeColumn = header[c].equals("timestamp2") ? c : timeColumn;
                    if (!NOT_FEATURES.contains(header[c])) {
                        columns.add(c);
                        fileNames.add(header[c]);
                    }
                }
                if (names == null) {
                    names = fileNames;
                } else if (!names.equals(fileNames)) {
                    throw new IllegalStateException("feature columns differ in " + file);
                }
                for (String line = in.readLine(); line != null && rows.size() < maxRows; line = in.readLine()) {
                    String[] cells = line.split(",", -1);
                    double[] row = new double[columns.size()];
                    for (int k = 0; k < row.length; k++) {
                        row[k] = Double.parseDouble(cells[columns.get(k)]);
                    }
                    rows.add(row);
                    labels.add(Double.parseDouble(cells[classColumn]) > 0 ? TrainingSet.ANOMALY : TrainingSet.NORMAL);
                    entities.add(file.getFileName().toString());
                    times.add((long) Double.parseDouble(cells[timeColumn]) * 1000L);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (rows.size() >= maxRows) {
                break;
            }
        }
        if (names == null) {
            throw new IllegalStateException("no 1-minute UFAM files in " + folder);
        }
        return new TrainingSet(rows.toArray(double[][]::new), names, labels.stream().mapToInt(Integer::intValue).toArray(),
                entities.toArray(String[]::new), times.stream().mapToLong(Long::longValue).toArray());
    }

    private static List<Path> oneMinuteFiles(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("dataset_multi_.*_\\d+_1_rrc\\d+\\.csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
