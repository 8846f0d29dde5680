package dev.vigil.cli.bench;

import dev.vigil.ingest.ReplaySource;
import dev.vigil.ingest.Sources;
import dev.vigil.ingest.csv.LabelledWindow;
import dev.vigil.models.TrainingSet;
import dev.vigil.models.baseline.RelativeFeatures;
import dev.vigil.models.baseline.RollingBaseline;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rows of one labelled BGP feature file (one peer's sequence during one event), in file order.
 *
 * @param event  the event the file covers: the {@code <event>} of a UFAM name, else the file name
 * @param starts window start of each row, epoch milliseconds
 * @param binMillis length of a window
 */
record BgpFile(String name, String event, List<String> featureNames, double[][] features, long[] starts,
               boolean[] anomalous, long binMillis) {
    private static final Pattern UFAM = Pattern.compile("dataset(?:_multi)?_(.+?)_(\\d+)(?:_(\\d+))?_([A-Za-z][A-Za-z0-9.-]*).*\\.csv");
    /** Dates SFU files whose day is unpublished; only differences of times within a file are used here. */
    private static final LocalDate UNKNOWN_DAY = LocalDate.of(2000, 1, 1);

    static BgpFile of(String name, List<LabelledWindow> windows) {
        int n = windows.size();
        LabelledWindow first = windows.get(0);
        List<String> names = List.copyOf(first.vector().getFeatureNames());
        double[][] features = new double[n][];
        long[] starts = new long[n];
        boolean[] anomalous = new boolean[n];
        for (int i = 0; i < n; i++) {
            LabelledWindow w = windows.get(i);
            if (!w.vector().getFeatureNames().equals(names)) {
                throw new IllegalArgumentException("row " + i + " has other features than the first row");
            }
            features[i] = w.vector().getValues().stream().mapToDouble(Double::doubleValue).toArray();
            starts[i] = w.vector().getWindowStart().toEpochMilli();
            anomalous[i] = w.label().getAnomalous();
        }
        long bin = first.vector().getWindowEnd().toEpochMilli() - first.vector().getWindowStart().toEpochMilli();
        Matcher m = UFAM.matcher(name);
        String event = m.matches() ? m.group(1) : name.replaceFirst("\\.csv$", "");
        return new BgpFile(name, event, names, features, starts, anomalous, bin);
    }

    /**
     * Every labelled feature file (UFAM or SFU) of a folder, in name order. A file that cannot be used (unknown
     * name, header without the needed columns, no readable row) is skipped, its reason printed and added to
     * {@code skipped}; it never stops the run.
     */
    static List<BgpFile> readFolder(Path folder, PrintStream out, List<String> skipped) {
        List<Path> paths;
        try (Stream<Path> list = Files.list(folder)) {
            paths = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<BgpFile> files = new ArrayList<>();
        for (Path p : paths) {
            String name = p.getFileName().toString();
            try {
                List<LabelledWindow> windows = new ArrayList<>();
                try (ReplaySource<LabelledWindow> source = Sources.labelledWindows(p, UNKNOWN_DAY)) {
                    source.forEachRemaining(windows::add);
                }
                if (windows.isEmpty()) {
                    throw new IllegalArgumentException("no readable row");
                }
                files.add(of(name, windows));
            } catch (RuntimeException | IOException e) {
                String reason = name + ": " + e.getMessage();
                skipped.add(reason);
                out.println("skipped " + reason);
            }
        }
        return files;
    }

    /**
     * The files of the smallest window length present: UFAM publishes each event at 1, 5 and 10 minutes, and
     * mixing them would mix feature scales (counts per minute against counts per ten minutes).
     */
    static List<BgpFile> smallestBin(List<BgpFile> files) {
        long bin = files.stream().mapToLong(BgpFile::binMillis).min().orElse(0);
        return files.stream().filter(f -> f.binMillis() == bin).toList();
    }

    /** The features every file has, in the first file's order (both UFAM layouts share about ten). */
    static List<String> sharedFeatures(List<BgpFile> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        Set<String> shared = new LinkedHashSet<>(files.get(0).featureNames());
        files.forEach(f -> shared.retainAll(f.featureNames()));
        return List.copyOf(shared);
    }

    /** The same rows with only the named features, in that order. */
    BgpFile select(List<String> names) {
        if (names.equals(featureNames)) {
            return this;
        }
        int[] index = names.stream().mapToInt(featureNames::indexOf).toArray();
        for (int k = 0; k < index.length; k++) {
            if (index[k] < 0) {
                throw new IllegalArgumentException(name + " has no feature " + names.get(k));
            }
        }
        double[][] selected = new double[features.length][index.length];
        for (int i = 0; i < features.length; i++) {
            for (int k = 0; k < index.length; k++) {
                selected[i][k] = features[i][index[k]];
            }
        }
        return new BgpFile(name, event, List.copyOf(names), selected, starts, anomalous, binMillis);
    }

    /**
     * The rows expressed relative to the peer's own rolling baseline, computed online in time order from an empty
     * baseline, exactly as the aggregator computes them for a live peer.
     */
    BgpFile relative(RelativeFeatures relative) {
        RollingBaseline baseline = relative.newBaseline(featureNames.size());
        double[][] out = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            out[i] = relative.apply(baseline, features[i], starts[i]);
        }
        return new BgpFile(name, event, RelativeFeatures.names(featureNames), out, starts, anomalous, binMillis);
    }

    boolean hasAnomalies() {
        for (boolean a : anomalous) {
            if (a) {
                return true;
            }
        }
        return false;
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
