package dev.vigil.bench.datasets;

import dev.vigil.models.TrainingSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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
        Rows rows = new Rows();
        for (Path file : oneMinuteFiles(folder)) {
            readFile(file, maxRows, rows);
            if (rows.size() >= maxRows) {
                break;
            }
        }
        if (rows.names == null) {
            throw new IllegalStateException("no 1-minute UFAM files in " + folder);
        }
        return rows.toTrainingSet();
    }

    /** What the files read so far gave, in file order. */
    private static final class Rows {
        final List<double[]> features = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        final List<String> entities = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        List<String> names;

        int size() {
            return features.size();
        }

        TrainingSet toTrainingSet() {
            return new TrainingSet(features.toArray(double[][]::new), names, labels.stream().mapToInt(Integer::intValue).toArray(),
                    entities.toArray(String[]::new), times.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** The columns of one file: where its features, class and time are. */
    private record Columns(List<String> names, int[] features, int classColumn, int timeColumn) {
        static Columns of(List<String> header) {
            List<String> names = new ArrayList<>();
            List<Integer> features = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                if (!NOT_FEATURES.contains(header.get(c))) {
                    names.add(header.get(c));
                    features.add(c);
                }
            }
            return new Columns(names, features.stream().mapToInt(Integer::intValue).toArray(), header.lastIndexOf("class"),
                    header.lastIndexOf("timestamp2"));
        }
    }

    /** Adds the rows of one file (RFC 4180 CSV, read by Commons CSV) until {@code maxRows} rows are held. */
    private static void readFile(Path file, int maxRows, Rows rows) {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
            Iterator<CSVRecord> records = parser.iterator();
            Columns columns = Columns.of(records.next().toList());
            if (rows.names == null) {
                rows.names = columns.names();
            } else if (!rows.names.equals(columns.names())) {
                throw new IllegalStateException("feature columns differ in " + file);
            }
            while (records.hasNext() && rows.size() < maxRows) {
                add(records.next(), columns, file.getFileName().toString(), rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(CSVRecord record, Columns columns, String entity, Rows rows) {
        double[] row = new double[columns.features().length];
        for (int k = 0; k < row.length; k++) {
            row[k] = Double.parseDouble(record.get(columns.features()[k]));
        }
        rows.features.add(row);
        rows.labels.add(Double.parseDouble(record.get(columns.classColumn())) > 0 ? TrainingSet.ANOMALY : TrainingSet.NORMAL);
        rows.entities.add(entity);
        rows.times.add((long) Double.parseDouble(record.get(columns.timeColumn())) * 1000L);
    }

    private static List<Path> oneMinuteFiles(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("dataset_multi_.*_\\d+_1_rrc\\d+\\.csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
