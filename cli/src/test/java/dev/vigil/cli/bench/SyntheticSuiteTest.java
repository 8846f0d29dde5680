package dev.vigil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.models.TrainingSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    void simulationNamesTheKindOfExactlyTheAnomalousWindows() {
        TelemetrySimulator.Simulation sim = new TelemetrySimulator(11).simulate(2880);
        assertArrayEquals(sim.windows().labels(), new TelemetrySimulator(11).generate(2880).labels());
        for (int i = 0; i < sim.kinds().length; i++) {
            boolean anomalous = sim.windows().label(i) == TrainingSet.ANOMALY;
            assertEquals(anomalous, !sim.kinds()[i].equals(TelemetrySimulator.NORMAL), "row " + i);
        }
        // A traffic drop lowers the count below the same service's count an hour earlier or later.
        int drops = 0;
        int lower = 0;
        for (int i = 60 * 4; i < sim.kinds().length - 60 * 4; i++) {
            if (sim.kinds()[i].equals("traffic-drop")) {
                drops++;
                double count = sim.windows().features()[i][0];
                lower += count < sim.windows().features()[i - 60 * 4][0] && count < sim.windows().features()[i + 60 * 4][0] ? 1 : 0;
            }
        }
        assertTrue(drops > 0 && lower > 0.8 * drops, lower + " of " + drops);
    }

    @Test
    void everyDetectorAndTheEnsembleBeatChanceOnTheHeldOutPeriod() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int train = 1440;
        int validation = 1440;
        int test = 1440;
        SyntheticSuite.Report report = SyntheticSuite.run(5, train, validation, test, new PrintStream(text, true));

        assertEquals(test * 4, report.testWindows());
        assertEquals(validation * 4, report.validationWindows());
        List<String> columns = report.detectors().stream().map(SyntheticSuite.DetectorFigures::detector).toList();
        assertEquals(List.of("isolation-forest", "rules", "forecaster", "classifier", SyntheticSuite.ENSEMBLE), columns);
        String[] testKinds = Arrays.copyOfRange(new TelemetrySimulator(5).simulate(train + validation + test).kinds(),
                (train + validation) * 4, (train + validation + test) * 4);
        for (SyntheticSuite.DetectorFigures d : report.detectors()) {
            assertTrue(d.rocAuc() > 0.75, d.toString());
            assertTrue(d.falsePositiveRate() < 0.05, d.toString());
            // Flagged windows are far more often anomalous than the base rate of a few percent.
            assertTrue(d.precision() > 0.3, d.toString());
            assertTrue(d.latencyP50Millis() > 0 && d.latencyP99Millis() >= d.latencyP50Millis(), d.toString());
            // Recall per kind adds up to the true positives.
            double found = 0;
            for (Map.Entry<String, Double> e : d.recallByKind().entrySet()) {
                found += e.getValue() * Arrays.stream(testKinds).filter(e.getKey()::equals).count();
            }
            assertEquals(d.confusion().truePositives(), found, 1e-6, d.detector());
        }
        SyntheticSuite.DetectorFigures classifier = report.detectors().get(3);
        SyntheticSuite.DetectorFigures ensemble = report.detectors().get(4);
        assertEquals(SyntheticSuite.VALIDATION_THRESHOLD, classifier.threshold());
        // The ensemble's fused verdict is at least as good on the test day as the weakest detector it fuses.
        double weakest = report.detectors().subList(0, 4).stream().mapToDouble(SyntheticSuite.DetectorFigures::f1).min().orElseThrow();
        assertTrue(ensemble.f1() > weakest, ensemble + " vs " + weakest);
        assertNotNull(report.fusion());
        assertTrue(report.fusion().weights().values().stream().anyMatch(w -> w > 0));
        assertTrue(ensemble.latencyP50Millis() > classifier.latencyP50Millis(), "the ensemble waits for every detector");
        // The what-if classifier is scored on the same test windows, with its extra feature.
        assertEquals(SyntheticSuite.WHAT_IF, report.whatIf().detector());
        assertTrue(report.whatIf().rocAuc() > 0.75, report.whatIf().toString());
        String printed = text.toString();
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT, " %.1f %%", 100 * classifier.precision())), printed);
        assertFalse(printed.contains("reference"), "no outside figure without a source: " + printed);
        assertTrue(printed.contains("recall, traffic-drop"), printed);
        assertTrue(printed.contains("What-if, not in Vigil's apps"), printed);
    }
}
