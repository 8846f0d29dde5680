package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.models.TrainingSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class SyntheticSuiteTest {

    @Test
    void simulatorIsRepeatableAndInjectsAFewPercentOfAnomalousWindows() {
        TrainingSet a = new TelemetrySimulator(11).generate(2880);
        TrainingSet b = new TelemetrySimulator(11).generate(2880);
        assertEquals(2880 * TelemetrySimulator.SERVICES.size(), a.size());
        assertArrayEquals(a.features()[1234], b.features()[1234]);
        assertArrayEquals(a.labels(), b.labels());
        double share = (double) a.count(TrainingSet.ANOMALY) / a.size();
        assertTrue(share > 0.01 && share < 0.08, "anomalous share " + share);
        // Business hours on a weekday carry more traffic than the night.
        int service = 0;
        double noon = a.features()[(12 * 60) * 4 + service][0];
        double night = a.features()[(3 * 60) * 4 + service][0];
        assertTrue(noon > 1.5 * night, noon + " vs " + night);
    }

    @Test
    void everyDetectorBeatsChanceOnHeldOutDays() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SyntheticSuite.Report report = SyntheticSuite.run(5, 1440, 1440, new PrintStream(text, true));

        assertEquals(1440 * 4, report.testWindows());
        assertEquals(SyntheticSuite.DETECTORS.size(), report.detectors().size());
        for (SyntheticSuite.DetectorFigures d : report.detectors()) {
            assertTrue(d.rocAuc() > 0.75, d.toString());
            assertTrue(d.falsePositiveRate() < 0.05, d.toString());
            // Flagged windows are far more often anomalous than the base rate of a few percent.
            assertTrue(d.precision() > 0.3, d.toString());
            assertTrue(d.latencyP50Millis() > 0 && d.latencyP99Millis() >= d.latencyP50Millis(), d.toString());
        }
        assertTrue(text.toString().contains("95.3 %"));
    }
}
