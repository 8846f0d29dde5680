package dev.vigil.ingest.csv;

import dev.vigil.avro.MetricSample;
import dev.vigil.ingest.OpenedInput;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Reads a Numenta Anomaly Benchmark series ({@code timestamp,value} with a header, timestamps
 * {@code yyyy-MM-dd HH:mm:ss} taken as UTC) into {@link MetricSample}s. Lines with an unparseable time or a
 * value that is not a finite number are counted as malformed and skipped.
 */
public final class NabCsvReader extends LineSource<MetricSample> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String source;
    private final String metric;
    private final Map<String, String> tags;

    public NabCsvReader(OpenedInput input, String source, String metric, Map<String, String> tags) {
        super(input);
        this.source = source;
        this.metric = metric;
        this.tags = Map.copyOf(tags);
        String header = readHeader();
        if (header == null || !header.trim().equalsIgnoreCase("timestamp,value")) {
            throw new IllegalArgumentException("A NAB series starts with the header timestamp,value, not " + header);
        }
    }

    /**
     * Opens a NAB file: the source is the file name without {@code .csv} (e.g. {@code nyc_taxi}), the metric
     * {@code value}, and the tags name the dataset and its group folder (e.g. {@code realKnownCause}).
     */
    public static NabCsvReader open(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        Path parent = file.getParent();
        String group = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return new NabCsvReader(OpenedInput.open(file), name, "value", Map.of("dataset", "nab", "group", group));
    }

    @Override
    MetricSample parse(String line) {
        int comma = line.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("no comma");
        }
        LocalDateTime time;
        try {
            time = LocalDateTime.parse(line.substring(0, comma).trim(), TIME);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        double value = Double.parseDouble(line.substring(comma + 1).trim());
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value is not finite");
        }
        return MetricSample.newBuilder().setSource(source).setMetric(metric).setTimestamp(time.toInstant(ZoneOffset.UTC))
                .setValue(value).setTags(tags).build();
    }
}
