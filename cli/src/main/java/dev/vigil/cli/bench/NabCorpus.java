package dev.vigil.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.avro.MetricSample;
import dev.vigil.ingest.ReplaySource;
import dev.vigil.ingest.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A corpus in NAB's layout: {@code data/<group>/<file>.csv} ({@code timestamp,value}, read by the ingest
 * module's NAB reader) and {@code labels/combined_windows.json} ({@code {"<group>/<file>.csv": [[start, end], ...]}}).
 * Files the label file does not name are skipped, as NAB's own corpus reader scores only labelled files.
 */
public final class NabCorpus {

    /** One series: its path relative to {@code data/}, times, values and windows as inclusive row ranges. */
    public record Series(String relativePath, Instant[] times, double[] values, List<int[]> windows) {
        public String group() {
            int slash = relativePath.indexOf('/');
            return slash < 0 ? "" : relativePath.substring(0, slash);
        }

        public String fileName() {
            return relativePath.substring(relativePath.lastIndexOf('/') + 1);
        }

        public boolean inWindow(int row) {
            return windows.stream().anyMatch(w -> w[0] <= row && row <= w[1]);
        }
    }

    private NabCorpus() {
    }

    /** Every labelled series under {@code root}, sorted by path; {@code only} (if not empty) keeps paths containing one of them. */
    public static List<Series> read(Path root, List<String> only) {
        JsonNode labels;
        try {
            labels = new ObjectMapper().readTree(root.resolve("labels/combined_windows.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Series> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("data"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                String relative = root.resolve("data").relativize(file).toString().replace('\\', '/');
                if (labels.has(relative) && (only.isEmpty() || only.stream().anyMatch(relative::contains))) {
                    out.add(readSeries(file, relative, labels.get(relative)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Series readSeries(Path file, String relative, JsonNode windowLabels) throws IOException {
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        try (ReplaySource<MetricSample> samples = Sources.metricSamples(file)) {
            while (samples.hasNext()) {
                MetricSample s = samples.next();
                times.add(s.getTimestamp());
                values.add(s.getValue());
            }
        }
        Instant[] t = times.toArray(Instant[]::new);
        List<int[]> windows = new ArrayList<>();
        for (JsonNode w : windowLabels) {
            Instant start = labelTime(w.get(0).asText());
            Instant end = labelTime(w.get(1).asText());
            int first = 0;
            while (first < t.length && t[first].isBefore(start)) first++;
            int last = first - 1;
            while (last + 1 < t.length && !t[last + 1].isAfter(end)) last++;
            if (last >= first) {
                windows.add(new int[] {first, last});
            }
        }
        return new Series(relative, t, values.stream().mapToDouble(Double::doubleValue).toArray(), List.copyOf(windows));
    }

    /** NAB label times look like {@code 2014-04-10 07:15:00.000000}, in the data's (UTC-taken) clock. */
    static Instant labelTime(String text) {
        return LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
