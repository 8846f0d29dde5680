package dev.vigil.cli.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV file a bench writes: RFC 4180 through Commons CSV (a field with a comma, a quote or a line break is quoted,
 * quotes doubled), one header, records ended by a line feed, and numbers with a decimal point whatever the default
 * locale, so a reader in any locale (and NAB's Python scorer) parses what is written.
 */
final class CsvFile implements Closeable {
    private final CSVPrinter printer;

    private CsvFile(CSVPrinter printer) {
        this.printer = printer;
    }

    /** Creates the file and its folders, and writes the header. */
    static CsvFile create(Path file, String... header) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get();
        return new CsvFile(new CSVPrinter(Files.newBufferedWriter(file), format));
    }

    /** One record; a double is written as {@link Double#toString} writes it, which no locale changes. */
    void record(Object... fields) {
        record(List.of(fields));
    }

    void record(List<?> fields) {
        try {
            printer.printRecord(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Four decimals with a decimal point, e.g. {@code 0.1235}. */
    static String fourDecimals(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
