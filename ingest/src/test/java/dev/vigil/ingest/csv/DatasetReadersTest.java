package dev.vigil.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.MetricSample;
import dev.vigil.schemas.Entities;
import dev.vigil.ingest.support.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real NAB, UFAM and SFU files read into samples, vectors and labels. */
class DatasetReadersTest {

    private static <T> List<T> all(dev.vigil.ingest.ReplaySource<T> source) throws Exception {
        List<T> out = new ArrayList<>();
        try (source) {
            source.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void nabSeriesBecomesMetricSamples() throws Exception {
        NabCsvReader reader = NabCsvReader.open(Datasets.file("nab/data/realKnownCause/ambient_temperature_system_failure.csv"));
        List<MetricSample> samples = all(reader);
        assertEquals(7267, samples.size());
        assertEquals(0, reader.malformed());
        MetricSample first = samples.getFirst();
        assertEquals("ambient_temperature_system_failure", first.getSource());
        assertEquals("value", first.getMetric());
        assertEquals(Instant.parse("2013-07-04T00:00:00Z"), first.getTimestamp());
        assertEquals(69.88083514, first.getValue());
        assertEquals("realKnownCause", first.getTags().get("group"));
        assertEquals(Instant.parse("2014-05-28T15:00:00Z"), samples.getLast().getTimestamp());
    }

    @Test
    void ufamRowsBecomeVectorsInUfamOrderWithLabels() throws Exception {
        List<LabelledWindow> rows = all(UfamCsvReader.open(Datasets.file("bgp_ufam_multi_event/dataset_multi_code-red_513_1_rrc04.csv")));
        assertEquals(7136, rows.size());
        assertEquals(526, rows.stream().filter(r -> r.label().getAnomalous()).count());
        FeatureVector first = rows.getFirst().vector();
        assertEquals("peer:rrc04|AS513", first.getEntity());
        assertEquals(Entities.BGP_PEER, first.getDomain());
        assertEquals(Instant.ofEpochSecond(995331050), first.getWindowStart());
        assertEquals(Instant.ofEpochSecond(995331110), first.getWindowEnd());
        assertEquals(UfamFeatures.NAMES, first.getFeatureNames());
        // Row 0 of the file: announcements 120, withdrawals 4, imp_wd 116, edit_distance_avg 1.94017094017094.
        assertEquals(120.0, first.getValues().get(UfamFeatures.index("announcements")));
        assertEquals(4.0, first.getValues().get(UfamFeatures.index("withdrawals")));
        assertEquals(116.0, first.getValues().get(UfamFeatures.index("imp_wd")));
        assertEquals(1.94017094017094, first.getValues().get(UfamFeatures.index("edit_distance_avg")));
        assertEquals(124, first.getEventCount());
        assertFalse(rows.getFirst().label().getAnomalous());
        assertNull(rows.getFirst().label().getCategory());
        LabelledWindow anomalous = rows.stream().filter(r -> r.label().getAnomalous()).findFirst().orElseThrow();
        assertEquals("worm:code-red", anomalous.label().getCategory());
        assertEquals("dataset", anomalous.label().getSource());
        assertEquals(anomalous.vector().getWindowStart(), anomalous.label().getWindowStart());
    }

    @Test
    void ufamFileNamesWithAndWithoutBinAreUnderstood() throws Exception {
        List<LabelledWindow> tenMinutes = all(UfamCsvReader.open(Datasets.file("bgp_ufam_multi_event/dataset_multi_nimda_6893_10_rrc04.csv")));
        FeatureVector v = tenMinutes.getFirst().vector();
        assertEquals("peer:rrc04|AS6893", v.getEntity());
        assertEquals(600, v.getWindowEnd().getEpochSecond() - v.getWindowStart().getEpochSecond());
        List<LabelledWindow> moscow = all(UfamCsvReader.open(Datasets.file("bgp_ufam_multi_event/dataset_multi_moscow_blackout_13237_rrc05.csv")));
        assertEquals("peer:rrc05|AS13237", moscow.getFirst().vector().getEntity());
        assertEquals(60, moscow.getFirst().vector().getWindowEnd().getEpochSecond() - moscow.getFirst().vector().getWindowStart().getEpochSecond());
        assertTrue(moscow.stream().anyMatch(r -> "outage:moscow_blackout".equals(r.label().getCategory())));
        List<LabelledWindow> leak = all(UfamCsvReader.open(Datasets.file("bgp_ufam_multi_event/dataset_multi_as9121_12793_1_rrc05.csv")));
        assertEquals("peer:rrc05|AS12793", leak.getFirst().vector().getEntity());
        assertTrue(leak.stream().anyMatch(r -> "leak:as9121".equals(r.label().getCategory())));
    }

    @Test
    void ratioOnlyUfamFilesAreReadWithTheColumnsTheyHave(@TempDir Path tmp) throws Exception {
        Path fixture = Path.of(DatasetReadersTest.class.getResource("/ufam-ratio-layout/dataset_multi_code-red_513_1_rrc04.csv").toURI());
        UfamCsvReader reader = UfamCsvReader.open(fixture);
        List<LabelledWindow> rows = all(reader);
        assertEquals(0, reader.malformed());
        assertEquals(16, rows.size());
        FeatureVector first = rows.getFirst().vector();
        // 30 columns less class, timestamp and timestamp2; none of the dropped base counts.
        assertEquals(27, first.getFeatureNames().size());
        assertFalse(first.getFeatureNames().contains("ann_to_longer"));
        assertEquals(reader.featureNames(), first.getFeatureNames());
        assertEquals(120.0, first.getValues().get(first.getFeatureNames().indexOf("announcements")));
        assertEquals(120.0 / 124, first.getValues().get(first.getFeatureNames().indexOf("ratio_ann")), 1e-12);
        assertEquals(124, first.getEventCount());
        assertEquals(8, rows.stream().filter(r -> r.label().getAnomalous()).count());
        assertEquals("worm:code-red", rows.getLast().label().getCategory());
        // A RouteViews collector name is understood as well as rrcNN.
        Path routeViews = Files.copy(fixture, tmp.resolve("dataset_multi_japan-earthquake_10026_1_rv-sydney.csv"));
        assertEquals("peer:rv-sydney|AS10026", all(UfamCsvReader.open(routeViews)).getFirst().vector().getEntity());
    }

    @Test
    void aUfamFileWithoutLabelsIsRefusedWithTheMissingColumn(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("dataset_multi_x_1_1_rrc00.csv"), ",announcements,timestamp2\n0,5,995331050\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UfamCsvReader.open(file));
        assertTrue(e.getMessage().contains("class"), e.getMessage());
    }

    @Test
    void sfuRowsGetDatesFromTheKnownFirstDayAndRollOverAtMidnight() throws Exception {
        SfuCsvReader reader = SfuCsvReader.open(Datasets.file("bgp_sfu_ripe_rrc04/Slammer.csv"), LocalDate.EPOCH);
        List<LabelledWindow> rows = all(reader);
        assertEquals(7200, rows.size());
        assertEquals(0, reader.malformed());
        assertEquals(869, rows.stream().filter(r -> r.label().getAnomalous()).count());
        assertEquals(Instant.parse("2003-01-23T00:00:00Z"), rows.getFirst().vector().getWindowStart());
        assertEquals(Instant.parse("2003-01-24T00:00:00Z"), rows.get(1440).vector().getWindowStart());
        FeatureVector first = rows.getFirst().vector();
        assertEquals(37, first.getFeatureNames().size());
        assertEquals("peer:rrc04|AS513", first.getEntity());
        // First row: 46 announcements, 4 withdrawals, 88 announced prefixes.
        assertEquals(46.0, first.getValues().get(first.getFeatureNames().indexOf("announcements")));
        assertEquals(4.0, first.getValues().get(first.getFeatureNames().indexOf("withdrawals")));
        assertEquals(88.0, first.getValues().get(first.getFeatureNames().indexOf("nlri_ann")));
        LabelledWindow firstAnomaly = rows.stream().filter(r -> r.label().getAnomalous()).findFirst().orElseThrow();
        assertEquals(Instant.parse("2003-01-25T05:31:00Z"), firstAnomaly.vector().getWindowStart(), "SOURCE.md: anomaly from 05:31");
        assertEquals("worm:slammer", firstAnomaly.label().getCategory());
    }
}
