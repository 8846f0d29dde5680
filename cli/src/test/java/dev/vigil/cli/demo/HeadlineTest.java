package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.DriftReference;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.Severity;
import dev.vigil.schemas.Entities;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlineTest {
    private final DemoScenario scenario = DemoScenario.create(42, Duration.ofHours(48), true, Instant.parse("2026-11-24T12:00:00Z"));

    @Test
    void saysWhatHappenedInWords() {
        Injection injection = scenario.injections().getFirst();
        String entity = injection.entities().getFirst();
        List<Alert> alerts = List.of(alert(entity, injection.domain(), injection.start(), injection.end()));
        Instant shift = scenario.driftAt();
        Instant hourOfShift = shift.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        List<DriftReport> drift = List.of(report("telemetry-service.rules", hourOfShift.minus(Duration.ofHours(5)), true),
                report("telemetry-service.rules", hourOfShift.plus(Duration.ofHours(1)), true),
                report("telemetry-service.forecaster", hourOfShift.plus(Duration.ofHours(1)), false));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("events_produced", 531_295L);
        summary.put("records_lost", 0L);
        summary.put("records_duplicated", 0L);
        summary.put("versions_announced", 12L);
        summary.put("hot_swaps", 5L);
        DemoResult result = new DemoResult(scenario, Duration.ofSeconds(1), summary, List.of(), List.of(), alerts, drift, List.of(),
                Evaluation.of(scenario, List.of(), List.of(), alerts), List.of());

        String text = Headline.of(result);

        int injected = scenario.injections().size();
        assertTrue(text.startsWith("Over 48 simulated hours Vigil raised 1 incident on BGP peers and services; 1 was real (100 %) "
                + "and 0 false alarms. It alerted on 1 of the " + injected + " injected anomalies, a median 1 window after each began; "
                + (injected - 1) + " were missed."), text);
        assertTrue(text.contains("the drift monitor confirmed it for 1 of 2 models within 2 drift windows and asked "
                + "for 0 retrains; 1 confirmation came before the shift."), text);
        assertTrue(text.endsWith("12 model versions were announced and the detectors switched versions 5 times while scoring; of "
                + "531,295 events sent, 0 were lost and 0 counted twice."), text);
    }

    @Test
    void aRunWithoutIncidentsOrCountersSaysOnlyWhatItKnows() {
        DemoResult result = new DemoResult(DemoScenario.create(1, Duration.ofHours(24), false, Instant.parse("2026-11-24T12:00:00Z")),
                Duration.ofSeconds(1), Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Evaluation.of(scenario, List.of(), List.of(), List.of()), List.of());
        String text = Headline.of(result);
        assertTrue(text.startsWith("Over 24 simulated hours Vigil raised 0 incidents on BGP peers and services. It alerted on 0 of"), text);
        assertEquals(-1, text.indexOf("drift monitor"), "no drift in this run");
        assertEquals(-1, text.indexOf("events sent"), "no counters to report");
    }

    private static Alert alert(String entity, String domain, Instant from, Instant to) {
        return Alert.newBuilder().setAlertId("a").setEntity(entity).setDomain(domain).setStatus(AlertStatus.CLOSED)
                .setSeverity(Severity.HIGH).setCombinedScore(0.9).setFirstWindowStart(from).setLastWindowEnd(to)
                .setDetectorScores(List.of(new DetectorVerdict("adaptive", domain + ".adaptive", 1, 0.97, true, 1.0))).setUpdatedAt(to).build();
    }

    private static DriftReport report(String model, Instant windowStart, boolean confirmed) {
        return DriftReport.newBuilder().setModel(model).setModelVersion(1).setDomain(Entities.TELEMETRY_SERVICE)
                .setReference(DriftReference.values()[0]).setCheckedAt(windowStart.plus(Duration.ofHours(1))).setWindowStart(windowStart)
                .setWindowEnd(windowStart.plus(Duration.ofHours(1))).setSeverity(Severity.HIGH).setConsecutiveWindows(2)
                .setConfirmed(confirmed).setRetrainRequested(false).setAlertRate(0.1).setFeatures(List.of()).setReasons(List.of()).build();
    }
}
