package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.avro.Severity;
import dev.vigil.schemas.Entities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's verdict on alerts and the CSV evidence written next to its report. */
class DemoEvidenceTest {
    private final DemoScenario scenario = DemoScenario.create(42, Duration.ofHours(48), true, Instant.parse("2026-11-24T12:00:00Z"));
    private final Injection injection = scenario.injections().stream()
            .filter(i -> i.domain().equals(Entities.TELEMETRY_SERVICE)).findFirst().orElseThrow();
    private final String service = injection.entities().getFirst();
    private final String peer = scenario.peers().getFirst().entity();

    @TempDir
    Path dir;

    @Test
    void alertsAreTrueWhenTheyOverlapAnInjectionOfTheirEntityAndFalseOnesAreCountedPerDomain() {
        Instant before = injection.start().minus(Duration.ofHours(3));
        List<Alert> alerts = List.of(
                alert("a", service, Entities.TELEMETRY_SERVICE, injection.start(), injection.start().plus(Duration.ofMinutes(10))),
                alert("b", service, Entities.TELEMETRY_SERVICE, before, before.plus(Duration.ofMinutes(5))),
                alert("c", peer, Entities.BGP_PEER, before, before.plus(Duration.ofMinutes(1))),
                alert("d", "origin:AS65001", Entities.BGP_ORIGIN, before, before.plus(Duration.ofMinutes(1))));

        Evaluation e = Evaluation.of(scenario, List.of(), List.of(), alerts);

        assertEquals(1, e.truePositiveAlerts());
        assertEquals(2, e.falsePositiveAlerts()); // the unlabelled bgp-origin domain is not judged
        assertEquals(Map.of(Entities.TELEMETRY_SERVICE, 1, Entities.BGP_PEER, 1), e.falsePositivesByDomain());
        assertEquals(1, e.injectionsDetected());
        assertEquals(List.of(1), e.detectionDelays(), "opened by the anomaly's first window");
        assertEquals(2, e.alertsBeforeFirstInjection(), "b and c, three hours before the first injection; d is unlabelled");
        Injection first = scenario.injections().stream().min(java.util.Comparator.comparing(Injection::start)).orElseThrow();
        Duration window = DemoSettings.windowOf(first.domain());
        Instant opened = first.start().minus(window.dividedBy(2));
        Alert withTheAnomaly = alert("f", first.entities().getFirst(), first.domain(), opened, first.start().plus(window.multipliedBy(2)));
        Alert justBefore = alert("g", first.entities().getFirst(), first.domain(), opened.minus(window), opened);
        assertEquals(1, Evaluation.of(scenario, List.of(), List.of(), List.of(withTheAnomaly, justBefore)).alertsBeforeFirstInjection(),
                "a window that holds the anomaly's first minutes is not before it; the window that ended before it is");
        Alert late = alert("e", service, Entities.TELEMETRY_SERVICE, injection.start().plus(Duration.ofMinutes(10)),
                injection.start().plus(Duration.ofMinutes(20)));
        assertEquals(3, Evaluation.delayWindows(injection, late), "opened by the anomaly's third 5-minute window");
    }

    @Test
    void csvFilesTraceEachAlertAndWindowToItsInjectionAndDetectors() throws IOException {
        Instant start = injection.start();
        Instant normal = start.minus(Duration.ofHours(2));
        List<FeatureVector> features = List.of(vector(start), vector(normal));
        List<DetectorScore> scores = List.of(score(start, "rules", 0.97, true, false), score(start, "isolation-forest", 0.3, false, false),
                score(start, "rules", 0.1, false, true), score(normal, "rules", 0.2, false, false));
        List<Alert> alerts = List.of(alert("a", service, Entities.TELEMETRY_SERVICE, start, start.plus(Duration.ofMinutes(5))));
        DemoResult result = new DemoResult(scenario, Duration.ofSeconds(1), Map.of(), features, scores, alerts, List.of(), List.of(),
                Evaluation.of(scenario, features, scores, alerts), List.of());

        DemoCsv.write(dir, result);

        List<String> alertLines = Files.readAllLines(dir.resolve("alerts.csv"));
        assertEquals(2, alertLines.size());
        assertTrue(alertLines.get(1).contains(",true," + injection.category() + ","), alertLines.get(1));
        assertTrue(alertLines.get(1).contains("rules:0.970:A"), alertLines.get(1));
        List<String> windows = Files.readAllLines(dir.resolve("windows.csv"));
        assertEquals(3, windows.size());
        String[] header = windows.get(0).split(",");
        String[] injected = windows.get(2).split(",", -1); // sorted by time: the normal window first
        String[] quiet = windows.get(1).split(",", -1);
        assertEquals(injection.category(), injected[List.of(header).indexOf("injected")]);
        assertEquals("true", injected[List.of(header).indexOf("alerted")]);
        // The production reading is kept, not the shadow one.
        assertEquals("0.9700", injected[List.of(header).indexOf("rules_score")]);
        assertEquals("0.4850", injected[List.of(header).indexOf("rules_raw_score")]);
        assertEquals("true", injected[List.of(header).indexOf("rules_flag")]);
        assertEquals("", injected[List.of(header).indexOf("forecaster_score")]);
        assertEquals("", quiet[List.of(header).indexOf("injected")]);
        assertEquals("false", quiet[List.of(header).indexOf("alerted")]);
        assertTrue(windows.get(2).endsWith("event_count=20.0 error_rate=0.3"), windows.get(2));
        assertTrue(Files.exists(dir.resolve("models.csv")) && Files.exists(dir.resolve("drift.csv")));
    }

    @Test
    void csvFilesUseDecimalPointsAndQuoteTextUnderACommaDecimalLocale() throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            Instant start = injection.start();
            List<FeatureVector> features = List.of(vector(start));
            List<DetectorScore> scores = List.of(score(start, "rules", 0.97, true, false));
            List<Alert> alerts = List.of(alert("a", service, Entities.TELEMETRY_SERVICE, start, start.plus(Duration.ofMinutes(5))));
            var report = DriftReport.newBuilder().setModel("telemetry-service.rules").setModelVersion(1)
                    .setDomain(Entities.TELEMETRY_SERVICE).setReference(dev.vigil.avro.DriftReference.values()[0])
                    .setCheckedAt(start.plus(Duration.ofHours(1))).setWindowStart(start)
                    .setWindowEnd(start.plus(Duration.ofHours(1))).setSeverity(Severity.HIGH).setConsecutiveWindows(2)
                    .setConfirmed(true).setRetrainRequested(false).setAlertRate(0.125).setFeatures(List.of())
                    .setReasons(List.of("error_rate \"shifted\", by 3.5 SD", "second line\nof text")).build();
            DemoResult result = new DemoResult(scenario, Duration.ofSeconds(1), Map.of(), features, scores, alerts, List.of(report),
                    List.of(), Evaluation.of(scenario, features, scores, alerts), List.of());

            DemoCsv.write(dir, result);

            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            try (var parser = CSVParser.parse(dir.resolve("alerts.csv"), StandardCharsets.UTF_8, format)) {
                CSVRecord alert = parser.getRecords().getFirst();
                assertEquals("0.9000", alert.get("combined_score"));
                assertEquals("rules:0.970:A:w1.00", alert.get("detectors"), "score, own verdict, weight in the fusion");
            }
            try (var parser = CSVParser.parse(dir.resolve("windows.csv"), StandardCharsets.UTF_8, format)) {
                assertEquals("0.9700", parser.getRecords().getFirst().get("rules_score"));
            }
            try (var parser = CSVParser.parse(dir.resolve("drift.csv"), StandardCharsets.UTF_8, format)) {
                CSVRecord drift = parser.getRecords().getFirst();
                assertEquals("0.1250", drift.get("alert_rate"));
                assertEquals("error_rate \"shifted\", by 3.5 SD; second line\nof text", drift.get("reasons"));
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    private FeatureVector vector(Instant start) {
        return FeatureVector.newBuilder().setEntity(service).setDomain(Entities.TELEMETRY_SERVICE).setWindowStart(start)
                .setWindowEnd(start.plus(Duration.ofMinutes(5))).setFeatureNames(List.of("event_count", "error_rate"))
                .setValues(List.of(20.0, 0.3)).setEventCount(20).build();
    }

    private DetectorScore score(Instant start, String detector, double score, boolean anomalous, boolean shadow) {
        return DetectorScore.newBuilder().setEntity(service).setDomain(Entities.TELEMETRY_SERVICE).setWindowStart(start)
                .setWindowEnd(start.plus(Duration.ofMinutes(5))).setDetector(detector).setModelName("telemetry-service." + detector)
                .setModelVersion(shadow ? 2 : 1).setStatus(ScoreStatus.SCORED).setRawScore(score / 2).setScore(score).setThreshold(0.5)
                .setAnomalous(anomalous).setShadow(shadow).setScoredAt(start).build();
    }

    private static Alert alert(String id, String entity, String domain, Instant from, Instant to) {
        return Alert.newBuilder().setAlertId(id).setEntity(entity).setDomain(domain).setStatus(AlertStatus.CLOSED)
                .setSeverity(Severity.HIGH).setCombinedScore(0.9).setFirstWindowStart(from).setLastWindowEnd(to)
                .setDetectorScores(List.of(new DetectorVerdict("rules", domain + ".rules", 1, 0.97, true, 1.0)))
                .setUpdatedAt(to).build();
    }
}
