package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BgpLoeoTest {

    @Test
    void eachEventIsHeldOutInTurnOnTheSharedFeaturesAndUnusableFilesAreSkipped(@TempDir Path tmp) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("ufam"));
        // Peers of different volume (x1 and x6): only features relative to each peer's own normal transfer.
        BgpSuiteTest.ufamFile(folder, "dataset_multi_alpha_100_1_rrc00.csv", 600, 400, 459, 1, 1);
        BgpSuiteTest.ufamFile(folder, "dataset_multi_beta_200_1_rv-sydney.csv", 600, 420, 479, 2, 6);
        BgpSuiteTest.ufamFile(folder, "dataset_multi_gamma_300_1_rrc01.csv", 600, 380, 439, 3, 3);
        Files.writeString(folder.resolve("dataset_multi_delta_400_1_rrc00.csv"), ",announcements,timestamp2\n0,5,995331050\n");
        Path csv = tmp.resolve("out/predictions.csv");
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        BgpLoeo.Report report = BgpLoeo.run(Map.of("UFAM", folder), 7, new PrintStream(text, true), csv);

        BgpLoeo.DatasetReport ufam = report.datasets().getFirst();
        assertEquals(List.of("alpha", "beta", "gamma"), ufam.anomalyEvents());
        assertEquals(1, ufam.skipped().size(), ufam.skipped().toString());
        assertTrue(ufam.skipped().getFirst().contains("class"), ufam.skipped().toString());
        assertTrue(text.toString().contains("skipped dataset_multi_delta"), text.toString());
        assertEquals(1 + 3 * 600, Files.readAllLines(csv).size());
        BgpLoeo.DetectorResult all = ufam.detector(BgpLoeo.FLAG_ALL);
        BgpLoeo.DetectorResult none = ufam.detector(BgpLoeo.FLAG_NONE);
        assertEquals(1.0, all.events().getFirst().recall());
        assertEquals(1.0, all.pooledFpr());
        assertEquals(0.0, none.macroF1());
        BgpLoeo.DetectorResult fused = ufam.detector(BgpLoeo.FUSED);
        // A twentyfold storm of several counters, on a peer never seen in training: found in every held-out event.
        assertEquals(3, fused.eventsDetected());
        assertTrue(fused.macroF1() > all.macroF1() && fused.pooledFpr() < 0.05, fused.toString());
        for (BgpLoeo.EventResult e : fused.events()) {
            assertTrue(e.medianDelayMinutes() != null && e.medianDelayMinutes() <= 2, e.toString());
        }
    }

    @Test
    void predictionsWrittenUnderACommaDecimalLocaleKeepOneFieldPerScore(@TempDir Path tmp) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("ufam"));
        BgpSuiteTest.ufamFile(folder, "dataset_multi_alpha_100_1_rrc00.csv", 300, 200, 229, 1, 1);
        BgpSuiteTest.ufamFile(folder, "dataset_multi_beta_200_1_rrc01.csv", 300, 210, 239, 2, 2);
        Path csv = tmp.resolve("predictions.csv");
        Locale defaultLocale = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            BgpLoeo.run(Map.of("UFAM", folder), 7, new PrintStream(new ByteArrayOutputStream(), true), csv);
        } finally {
            Locale.setDefault(defaultLocale);
        }

        List<CSVRecord> rows = CsvFileTest.read(csv);
        assertEquals(2 * 300, rows.size());
        for (CSVRecord row : rows) {
            List<String> scores = row.toList().subList(4, row.size() - 1);
            assertTrue(scores.stream().allMatch(s -> s.matches("[a-z+-]+=-?\\d+\\.\\d{4}")), row.toString());
            assertTrue(row.get(row.size() - 1).matches("[01]"), row.toString());
        }
    }

    @Test
    void falseAlarmsCloseTogetherAreOneEpisodeAndTheDelayCountsFromTheWindowStart() {
        long m = 60_000;
        long[] starts = new long[20];
        for (int i = 0; i < 20; i++) {
            starts[i] = i * m;
        }
        boolean[] labels = new boolean[20];
        for (int i = 10; i < 15; i++) {
            labels[i] = true;
        }
        BgpFile file = new BgpFile("f", "e", List.of("x"), new double[20][1], starts, labels, m);
        boolean[] flags = new boolean[20];
        flags[0] = flags[3] = true;   // 3 min apart: one episode
        flags[9] = true;              // 6 min later: a second
        flags[12] = true;             // inside the window, 2 min after its start
        flags[19] = true;             // a third
        assertEquals(3, BgpLoeo.falseAlarmEpisodes(file, flags));
        assertEquals(2.0, BgpLoeo.delayInsideWindow(file, flags));
        BgpLoeo.EventResult r = BgpLoeo.eventResult("e", List.of(file), List.of(flags));
        assertEquals(15.0 / 1440, r.normalPeerDays(), 1e-12);
        assertEquals(3 / (15.0 / 1440), r.episodesPerNormalPeerDay(), 1e-9);
        assertEquals(0.2, r.recall(), 1e-12);
    }
}
