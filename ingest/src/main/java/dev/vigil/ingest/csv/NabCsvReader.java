package dev.vigil.ingest.csv;

import dev.vigil.avro.MetricSample;
import dev.vigil.ingest.OpenedInput;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a Numenta Anomaly Benchmark series ({@code timestamp,value} with a header, timestamps
 * {@code yyyy-MM-dd HH:mm:ss} taken as UTC) into {@link MetricSample}s. Lines with an unparseable time or a
 * value that is not a finite number are counted as malformed and skipped.
 */
public final class NabCsvReader extends CsvSource<MetricSample> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String source;
    private final String metric;
    private final Map<String, String> tags;

    public NabCsvReader(OpenedInput input, String source, String metric, Map<String, String> tags) {
        super(input);
        this.source = source;
        this.metric = metric;
        this.tags = Map.copyOf(tags);
        List<String> header = readHeader();
        if (!isNabHeader(header)) {
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

    private static boolean isNabHeader(List<String> header) {
        return header != null && header.size() == 2 && header.get(0).equalsIgnoreCase("timestamp")
                && header.get(1).equalsIgnoreCase("value");
    }

    @Override
    MetricSample parse(CSVRecord row) {
        if (row.size() != 2) {
            throw new IllegalArgumentException("expected timestamp,value, found " + row.size() + " fields");
        }
        LocalDateTime time;
        try {
            time = LocalDateTime.parse(row.get(0), TIME);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        double value = Double.parseDouble(row.get(1));
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value is not finite");
        }
        return MetricSample.newBuilder().setSource(source).setMetric(metric).setTimestamp(time.toInstant(ZoneOffset.UTC))
                .setValue(value).setTags(tags).build();
    }
}
