package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {
    private Locale defaultLocale;

    @BeforeEach
    void commaDecimalLocale() {
        defaultLocale = Locale.getDefault();
        // German writes 0,1235 for 0.1235: a field of its own in a CSV file if a writer formats with the default locale.
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(defaultLocale);
    }

    static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void fieldsWithCommasAndQuotesAndNumbersWrittenUnderAGermanLocaleReadBackAsWritten(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("out/scores.csv");
        try (CsvFile csv = CsvFile.create(file, "file", "score", "rounded")) {
            csv.record("peer \"a\", rrc04", 0.123456, CsvFile.fourDecimals(0.123456));
        }

        List<CSVRecord> records = read(file);

        assertEquals(1, records.size());
        assertEquals(List.of("peer \"a\", rrc04", "0.123456", "0.1235"), records.getFirst().toList());
        assertEquals(0.1235, Double.parseDouble(records.getFirst().get("rounded")));
    }
}
