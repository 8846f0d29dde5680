package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suites on a few real files of the shared datasets (folder from the {@code vigil.datasets} property). */
class RealDataSuitesTest {
    private static Path datasets(String folder) {
        Path path = Path.of(System.getProperty("vigil.datasets", "../shared/datasets"), folder);
        assumeTrue(Files.isDirectory(path), "dataset folder absent: " + path);
        return path;
    }

    @Test
    void nabOnTwoRealSeries(@TempDir Path tmp) throws IOException {
        NabSuite.Report report = NabSuite.run(datasets("nab"), List.of("ec2_request_latency_system_failure", "speed_7578"),
                tmp, new PrintStream(new ByteArrayOutputStream(), true));
        assertEquals(2, report.series());
        assertEquals(3 + 4, report.windows()); // as listed in the dataset's SOURCE.md
        assertEquals(4032 + 1, Files.readAllLines(tmp.resolve("forecaster/realKnownCause/"
                + "forecaster_ec2_request_latency_system_failure.csv")).size());
        for (NabSuite.DetectorFigures d : report.detectors()) {
            assertTrue(d.windowRecall() > 0, d.toString());
            for (NabScorer.Result r : d.nab()) {
                assertTrue(r.normalisedScore() > 0 && r.normalisedScore() <= 100, d.toString());
            }
        }
    }

    @Test
    void bgpTrainedOnCodeRedFindsNimda(@TempDir Path tmp) throws IOException {
        Path source = datasets("bgp_ufam_multi_event");
        Path folder = Files.createDirectories(tmp.resolve("ufam"));
        for (String name : List.of("dataset_multi_code-red_513_5_rrc04.csv", "dataset_multi_nimda_513_5_rrc04.csv")) {
            Files.copy(source.resolve(name), folder.resolve(name));
        }
        BgpSuite.Report report = BgpSuite.run(folder, List.of("code-red"), new PrintStream(new ByteArrayOutputStream(), true),
                tmp.resolve("predictions.csv"));
        assertEquals(List.of("dataset_multi_nimda_513_5_rrc04.csv"), report.testFiles());
        for (BgpSuite.DetectorFigures d : report.detectors()) {
            assertEquals("nimda", d.delays().get(0).event(), d.toString());
        }
        // The supervised detector has seen a worm: on another worm it flags more anomalous windows than chance would.
        BgpSuite.DetectorFigures classifier = report.detectors().stream()
                .filter(d -> d.detector().equals("classifier")).findFirst().orElseThrow();
        assertTrue(classifier.recall() > classifier.falsePositiveRate(), classifier.toString());
    }
}
