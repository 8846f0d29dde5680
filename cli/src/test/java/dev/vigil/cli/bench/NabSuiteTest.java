package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabSuiteTest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime START = LocalDateTime.of(2014, 4, 1, 0, 0);

    /**
     * A NAB-layout corpus of two noisy daily cycles of 2000 five-minute points: one with a level jump of 8 noise
     * widths from row 1500 on (window rows 1450-1549), one without anomalies.
     */
    private static Path corpus(Path root) throws IOException {
        Files.createDirectories(root.resolve("data/toy"));
        Files.createDirectories(root.resolve("labels"));
        Random random = new Random(3);
        for (String name : List.of("jump", "calm")) {
            List<String> lines = new ArrayList<>(List.of("timestamp,value"));
            for (int i = 0; i < 2000; i++) {
                double v = 50 + 10 * Math.sin(2 * Math.PI * i / 288) + random.nextGaussian()
                        + (name.equals("jump") && i >= 1500 ? 8 : 0);
                lines.add(TIME.format(START.plusMinutes(5L * i)) + "," + v);
            }
            Files.write(root.resolve("data/toy/" + name + ".csv"), lines);
        }
        Files.writeString(root.resolve("labels/combined_windows.json"), "{\"toy/jump.csv\": [[\""
                + TIME.format(START.plusMinutes(5L * 1450)) + ".000000\", \"" + TIME.format(START.plusMinutes(5L * 1549))
                + ".000000\"]], \"toy/calm.csv\": []}");
        return root;
    }

    @Test
    void trainsOnProbationScoresTheRestAndWritesNabResults(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("results");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        NabSuite.Report report = NabSuite.run(corpus(tmp.resolve("nab")), List.of(), out, new PrintStream(text, true));

        assertEquals(2, report.series());
        assertEquals(1, report.windows());
        for (NabSuite.DetectorFigures d : report.detectors()) {
            Path results = out.resolve(d.detector()).resolve("toy").resolve(d.detector() + "_jump.csv");
            List<String> lines = Files.readAllLines(results);
            assertEquals("timestamp,value,anomaly_score,label", lines.get(0));
            assertEquals(2001, lines.size());
            assertEquals(100, lines.stream().filter(l -> l.endsWith(",1")).count(), "rows inside the window are labelled 1");
            assertTrue(lines.get(1).startsWith("2014-04-01 00:00:00,"));
            assertEquals(3, d.nab().size());
        }
        // A jump of 8 noise widths is plain to the forecaster: it beats the null detector and finds the window.
        NabSuite.DetectorFigures forecaster = report.detectors().stream()
                .filter(d -> d.detector().equals("forecaster")).findFirst().orElseThrow();
        assertTrue(forecaster.nab().get(0).normalisedScore() > 0, forecaster.toString());
        assertEquals(1.0, forecaster.windowRecall(), forecaster.toString());
        assertTrue(text.toString().contains("standard"));
    }
}
