package dev.vigil.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.avro.MetricSample;
import dev.vigil.ingest.OpenedInput;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dataset readers read RFC 4180 CSV: a quoted field may hold the delimiter, and quotes around a value are not part of it. */
class QuotedFieldsTest {
    private static OpenedInput text(String csv) {
        return OpenedInput.of(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static <T> List<T> all(CsvSource<T> source) {
        List<T> out = new ArrayList<>();
        source.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aQuotedRowNameWithACommaLeavesTheFeatureColumnsInPlace() {
        String csv = ",announcements,\"withdrawals\",class,timestamp2\n"
                + "\"2001-07-19, 01:00\",120,4,0,995331050\n"
                + "\"row \"\"two\"\", late\",7,1,2,995331110\n";
        UfamCsvReader reader = new UfamCsvReader(text(csv), "rrc04", 513, "code-red", Duration.ofMinutes(1));

        List<LabelledWindow> rows = all(reader);

        assertEquals(List.of("announcements", "withdrawals"), reader.featureNames());
        assertEquals(0, reader.malformed());
        assertEquals(List.of(120.0, 4.0), rows.get(0).vector().getValues());
        assertEquals(List.of(7.0, 1.0), rows.get(1).vector().getValues());
        assertEquals(Instant.ofEpochSecond(995331110), rows.get(1).vector().getWindowStart());
        assertEquals("leak:code-red", rows.get(1).label().getCategory());
    }

    @Test
    void quotedNabFieldsAreReadWithoutTheirQuotesAndARowOfThreeFieldsIsMalformed() {
        String csv = "\"timestamp\",\"value\"\n"
                + "\"2014-01-01 00:00:00\",\"1.5\"\n"
                + "2014-01-01 00:05:00,2.5,\"3,5\"\n"
                + "2014-01-01 00:10:00,3.5\n";
        NabCsvReader reader = new NabCsvReader(text(csv), "series", "value", Map.of());

        List<MetricSample> samples = all(reader);

        assertEquals(List.of(1.5, 3.5), samples.stream().map(MetricSample::getValue).toList());
        assertEquals(Instant.parse("2014-01-01T00:00:00Z"), samples.getFirst().getTimestamp());
        assertEquals(1, reader.malformed());
    }
}
