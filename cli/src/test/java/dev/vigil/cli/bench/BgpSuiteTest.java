package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.csv.UfamFeatures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BgpSuiteTest {
    private static final long T0 = 1_000_000_020L; // unix seconds, a whole minute
    /** Counters a worm-like update storm multiplies. */
    private static final List<String> STORM = List.of("announcements", "withdrawals", "dups", "nlri_ann", "imp_wd",
            "wd_dups", "news", "flaps", "imp_wd_spath", "imp_wd_dpath", "origin_0", "edit_distance_dict_0");

    /**
     * Writes a UFAM-named file of {@code rows} one-minute windows of Poisson-like counts; rows from
     * {@code anomalyFrom} to {@code anomalyTo} carry an update storm (twelve counters x20) and class 1.
     */
    private static void ufamFile(Path folder, String name, int rows, int anomalyFrom, int anomalyTo, long seed) throws IOException {
        ufamFile(folder, name, rows, anomalyFrom, anomalyTo, seed, 1);
    }

    /** The same with every count multiplied by {@code volume}, as a busier peer's. */
    static void ufamFile(Path folder, String name, int rows, int anomalyFrom, int anomalyTo, long seed, double volume) throws IOException {
        Random random = new Random(seed);
        List<String> header = new ArrayList<>(UfamFeatures.NAMES);
        header.addAll(List.of("class", "timestamp", "timestamp2"));
        List<String> lines = new ArrayList<>(List.of("," + String.join(",", header)));
        for (int i = 0; i < rows; i++) {
            boolean storm = i >= anomalyFrom && i <= anomalyTo;
            StringBuilder line = new StringBuilder(Integer.toString(i));
            for (String feature : UfamFeatures.NAMES) {
                double base = 5 + 3 * random.nextGaussian();
                boolean hit = storm && STORM.contains(feature);
                line.append(',').append(Math.max(0, Math.round(volume * (hit ? 20 * (base + 5) : base))));
            }
            line.append(',').append(storm ? 1 : 0).append(",t,").append(T0 + 60L * i);
            lines.add(line.toString());
        }
        Files.write(folder.resolve(name), lines);
    }

    @Test
    void trainsOnNamedEventsAndScoresWholeOtherEvents(@TempDir Path tmp) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("ufam"));
        ufamFile(folder, "dataset_multi_alpha_100_1_rrc00.csv", 600, 300, 359, 1);
        ufamFile(folder, "dataset_multi_alpha_200_1_rrc00.csv", 600, 310, 369, 2);
        ufamFile(folder, "dataset_multi_beta_100_1_rrc00.csv", 500, 200, 249, 3);
        ufamFile(folder, "dataset_multi_beta_100_5_rrc00.csv", 100, 40, 49, 4); // 5-minute bins: left out
        Path csv = tmp.resolve("out/predictions.csv");
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        BgpSuite.Report report = BgpSuite.run(folder, List.of("alpha"), new PrintStream(text, true), csv);

        assertEquals(List.of("dataset_multi_alpha_100_1_rrc00.csv", "dataset_multi_alpha_200_1_rrc00.csv"), report.trainFiles());
        assertEquals(List.of("dataset_multi_beta_100_1_rrc00.csv"), report.testFiles());
        assertEquals(1200, report.trainRows());
        assertEquals(500, report.testRows());
        assertEquals(BgpSuite.DETECTORS.size(), report.detectors().size());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("detector,file,timestamp,score,flag,label", lines.get(0));
        assertEquals(1 + 500L * report.detectors().size(), lines.size());
        assertEquals(50 * report.detectors().size(), lines.stream().filter(l -> l.endsWith(",1")).count());
        for (BgpSuite.DetectorFigures d : report.detectors()) {
            // A twentyfold storm is unmistakable: every detector finds it with few false alarms, within minutes.
            assertTrue(d.recall() > 0.8 && d.falsePositiveRate() < 0.05, d.toString());
            BgpSuite.EventDelay beta = d.delays().get(0);
            assertEquals("beta", beta.event());
            assertEquals(1, beta.detectedFiles());
            assertTrue(beta.medianDelayMinutes() <= 2, d.toString());
        }
        assertTrue(text.toString().contains("beta"));
    }

    @Test
    void refusesASplitWithoutTestFiles(@TempDir Path tmp) throws IOException {
        ufamFile(tmp, "dataset_multi_alpha_100_1_rrc00.csv", 100, 50, 59, 1);
        assertThrows(IllegalArgumentException.class,
                () -> BgpSuite.run(tmp, List.of("alpha"), new PrintStream(new ByteArrayOutputStream()), tmp.resolve("p.csv")));
    }

    @Test
    void delayCountsFromTheFirstAnomalousWindowAndIgnoresEarlierFlags() {
        long[] starts = {0, 60_000, 120_000, 180_000, 240_000};
        boolean[] labels = {false, false, true, true, false};
        BgpFile file = new BgpFile("f", "e", List.of("x"), new double[5][1], starts, labels, 60_000);
        assertEquals(1.0, BgpSuite.delayMinutes(file, new boolean[] {true, false, false, true, false}));
        assertEquals(0.0, BgpSuite.delayMinutes(file, new boolean[] {false, false, true, false, false}));
        assertNull(BgpSuite.delayMinutes(file, new boolean[] {true, false, false, false, false}));
        assertNotNull(BgpSuite.delayMinutes(file, new boolean[] {false, false, false, false, true}));
    }
}
