package dev.vigil.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The anomaly-free NAB series (artificialNoAnomaly), read from the shared datasets folder. */
record NabSeries(String name, List<Instant> times, double[] values) {
    static final List<String> NO_ANOMALY = List.of("art_daily_no_noise", "art_daily_perfect_square_wave",
            "art_daily_small_noise", "art_flatline", "art_noisy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static Path folder() {
        String datasets = System.getProperty("vigil.datasets");
        if (datasets == null) {
            throw new IllegalStateException("system property vigil.datasets is not set (surefire sets it)");
        }
        Path folder = Path.of(datasets, "nab", "data", "artificialNoAnomaly");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(folder), "datasets folder " + folder.toAbsolutePath() + " is not present");
        return folder;
    }

    static NabSeries read(String name) throws IOException {
        List<String> lines = Files.readAllLines(folder().resolve(name + ".csv"));
        List<Instant> times = new ArrayList<>();
        double[] values = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(",");
            times.add(LocalDateTime.parse(parts[0], TIME).toInstant(ZoneOffset.UTC));
            values[i - 1] = Double.parseDouble(parts[1]);
        }
        return new NabSeries(name, times, values);
    }
}
