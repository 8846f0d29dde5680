package dev.vigil.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the UFAM-LIA labelled BGP feature files (datasets/bgp_ufam_multi_event, MIT licence): one row per
 * peer per minute, class 0 normal and 1-3 anomalous. Each file is one entity (event + peer) sequence.
 */
final class BgpDataset {
    private static final Set<String> NOT_FEATURES = Set.of("", "class", "timestamp", "timestamp2");

    private BgpDataset() {
    }

    static Path folder() {
        String root = System.getProperty("vigil.datasets", "../../shared/datasets");
        return Path.of(root, "bgp_ufam_multi_event");
    }

    /** The 1-minute files of one event, e.g. "code-red", in peer order. */
    static List<Path> oneMinuteFiles(String event) {
        try (var files = Files.list(folder())) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith("dataset_multi_" + event + "_") && name.matches(".*_\\d+_1_rrc\\d+\\.csv");
                    }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All rows of the given files, labels 0 normal / 1 anomalous, entity = file name, timestamps in ms. */
    static TrainingSet load(List<Path> files) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> names = null;
        for (Path file : files) {
            List<String> lines = read(file);
            String[] header = lines.getFirst().split(",", -1);
            List<Integer> featureColumns = new ArrayList<>();
            List<String> fileNames = new ArrayList<>();
            int classColumn = -1;
            int timeColumn = -1;
            for (int c = 0; c < header.length; c++) {
                if (header[c].equals("class")) classColumn = c;
                if (header[c].equals("timestamp2")) timeColumn = c;
                if (!NOT_FEATURES.contains(header[c])) {
                    featureColumns.add(c);
                    fileNames.add(header[c]);
                }
            }
            if (names == null) {
                names = fileNames;
            } else if (!names.equals(fileNames)) {
                throw new IllegalStateException("feature columns differ in " + file);
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                double[] row = new double[featureColumns.size()];
                for (int k = 0; k < row.length; k++) {
                    row[k] = Double.parseDouble(cells[featureColumns.get(k)]);
                }
                rows.add(row);
                labels.add(Double.parseDouble(cells[classColumn]) > 0 ? TrainingSet.ANOMALY : TrainingSet.NORMAL);
                entities.add(file.getFileName().toString());
                times.add((long) Double.parseDouble(cells[timeColumn]) * 1000L);
            }
        }
        return new TrainingSet(rows.toArray(double[][]::new), names, labels.stream().mapToInt(Integer::intValue).toArray(),
                entities.toArray(String[]::new), times.stream().mapToLong(Long::longValue).toArray());
    }

    static TrainingSet event(String event) {
        return load(oneMinuteFiles(event));
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
