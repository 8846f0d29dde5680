package dev.vigil.ingest.csv;

import dev.vigil.ingest.OpenedInput;
import dev.vigil.ingest.ReplaySource;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A source that turns each record of a CSV file into at most one record; the first may be a header. Records are
 * read by Commons CSV as RFC 4180 has them, so a quoted field may hold commas, doubled quotes and line breaks;
 * fields are trimmed and blank lines skipped, as the datasets' own tools write them.
 */
abstract class CsvSource<T> implements ReplaySource<T> {
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).get();

    private final OpenedInput input;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private T next;
    private long malformed;

    CsvSource(OpenedInput input) {
        this.input = input;
        try {
            this.parser = CSVParser.parse(new InputStreamReader(input.stream(), StandardCharsets.UTF_8), FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
    }

    /** The fields of the header record, if the format has one; null at the end of the input. */
    final List<String> readHeader() {
        return records.hasNext() ? records.next().toList() : null;
    }

    /** The record of one data row, or null to skip it; throws IllegalArgumentException for a malformed row. */
    abstract T parse(CSVRecord row);

    @Override
    public final boolean hasNext() {
        while (next == null && records.hasNext()) {
            CSVRecord row = records.next();
            if (isBlank(row)) {
                continue;
            }
            try {
                next = parse(row);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                malformed++;
            }
        }
        return next != null;
    }

    /** A line of spaces: one empty field once trimmed. */
    private static boolean isBlank(CSVRecord row) {
        return row.size() == 1 && row.get(0).isEmpty();
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T out = next;
        next = null;
        return out;
    }

    /** Data rows that could not be parsed and were skipped. */
    public final long malformed() {
        return malformed;
    }

    @Override
    public final double progress() {
        return input.progress();
    }

    @Override
    public final void close() throws IOException {
        parser.close();
        input.close();
    }
}
