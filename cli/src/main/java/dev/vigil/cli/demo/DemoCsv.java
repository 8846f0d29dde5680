package dev.vigil.cli.demo;

import dev.vigil.models.Algorithms;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.DistributionDrift;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.models.ValidationMetrics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo's evidence as CSV next to the report: {@code alerts.csv}, every incident of the labelled domains with its
 * verdict against the injections and its detectors as {@code detector:score:A|n[:w<weight in the fusion>]}, and
 * {@code windows.csv}, every labelled-domain window with what was injected, each production detector's calibrated
 * score and verdict, and whether an alert covers it. With them a false alert can
 * be traced to its detectors and features without rerunning the demo. {@code models.csv} lists every model version
 * announcement (stage, training data, holdout figures, why), {@code drift.csv} every drift report.
 */
final class DemoCsv {
    static final List<String> DETECTORS = Algorithms.SCORING;

    private DemoCsv() {
    }

    static void write(Path dir, DemoResult result) throws IOException {
        DemoScenario scenario = result.scenario();
        List<Alert> alerts = result.alerts().stream().filter(a -> DemoSettings.evaluated(a.getDomain())).toList();
        try (CSVPrinter w = printer(dir.resolve("alerts.csv"), "alert_id", "domain", "entity", "entities", "correlated", "status",
                "first_window_start", "last_window_end", "window_count", "severity", "combined_score", "true_positive", "injected",
                "phase", "detectors")) {
            for (Alert a : alerts) {
                List<String> entities = Evaluation.entitiesOf(a);
                String injected = scenario.injections().stream()
                        .filter(i -> entities.stream().anyMatch(e -> i.covers(e, a.getFirstWindowStart(), a.getLastWindowEnd())))
                        .map(Injection::category).distinct().collect(Collectors.joining(" "));
                String detectors = a.getDetectorScores().stream().map(DemoCsv::verdict).collect(Collectors.joining(" "));
                w.printRecord(a.getAlertId(), a.getDomain(), a.getEntity(), entities.size(), a.getCorrelated(), a.getStatus().name(),
                        a.getFirstWindowStart(), a.getLastWindowEnd(), a.getWindowCount(), a.getSeverity().name(),
                        figure(a.getCombinedScore()), !injected.isEmpty(), injected,
                        phase(scenario, a.getFirstWindowStart(), a.getLastWindowEnd()), detectors);
            }
        }
        writeModels(dir, result);
        Map<String, Map<String, DetectorScore>> production = new HashMap<>();
        for (DetectorScore s : result.scores()) {
            if (s.getStatus() == ScoreStatus.SCORED && !s.getShadow() && DemoSettings.evaluated(s.getDomain())) {
                production.computeIfAbsent(key(s.getEntity(), s.getWindowStart()), k -> new TreeMap<>()).put(s.getDetector(), s);
            }
        }
        List<String> header = new ArrayList<>(List.of("domain", "entity", "window_start", "window_end", "event_count", "injected",
                "phase", "alerted"));
        DETECTORS.forEach(d -> header.addAll(List.of(d + "_score", d + "_raw_score", d + "_flag", d + "_version")));
        header.add("features");
        try (CSVPrinter w = printer(dir.resolve("windows.csv"), header.toArray(String[]::new))) {
            List<FeatureVector> windows = result.features().stream().filter(f -> DemoSettings.evaluated(f.getDomain()))
                    .sorted(Comparator.comparing(FeatureVector::getWindowStart).thenComparing(FeatureVector::getEntity)).toList();
            for (FeatureVector f : windows) {
                String injected = scenario.injections().stream().filter(i -> i.covers(f.getEntity(), f.getWindowStart(), f.getWindowEnd()))
                        .map(Injection::category).distinct().collect(Collectors.joining(" "));
                boolean alerted = alerts.stream().anyMatch(a -> (a.getEntity().equals(f.getEntity()) || a.getEntities().contains(f.getEntity()))
                        && !f.getWindowStart().isBefore(a.getFirstWindowStart()) && f.getWindowStart().isBefore(a.getLastWindowEnd()));
                List<Object> record = new ArrayList<>(List.of(f.getDomain(), f.getEntity(), f.getWindowStart(), f.getWindowEnd(),
                        f.getEventCount(), injected, phase(scenario, f.getWindowStart(), f.getWindowEnd()), alerted));
                Map<String, DetectorScore> byDetector = production.getOrDefault(key(f.getEntity(), f.getWindowStart()), Map.of());
                for (String d : DETECTORS) {
                    DetectorScore s = byDetector.get(d);
                    record.addAll(s == null ? List.of("", "", "", "")
                            : List.of(figure(s.getScore()), figure(s.getRawScore()), s.getAnomalous(), s.getModelVersion()));
                }
                StringBuilder values = new StringBuilder();
                for (int j = 0; j < f.getFeatureNames().size(); j++) {
                    values.append(j == 0 ? "" : " ").append(f.getFeatureNames().get(j)).append('=').append(f.getValues().get(j));
                }
                record.add(values.toString());
                w.printRecord(record);
            }
        }
    }

    private static void writeModels(Path dir, DemoResult result) throws IOException {
        try (CSVPrinter w = printer(dir.resolve("models.csv"), "name", "version", "stage", "created_at", "trained_from", "trained_to",
                "samples", "labelled", "holdout_alert_rate", "holdout_f1", "reason")) {
            for (ModelVersion v : result.versions()) {
                String reason = v.getStageHistory().isEmpty() ? "" : v.getStageHistory().getLast().getReason();
                w.printRecord(v.getName(), v.getVersion(), v.getStage().name(), v.getCreatedAt(), v.getTrainingData().getFromTime(),
                        v.getTrainingData().getToTime(), v.getTrainingData().getSampleCount(), v.getTrainingData().getLabelledCount(),
                        figure(v.getValidation().get(ValidationMetrics.ALERT_RATE)), figure(v.getValidation().get(ValidationMetrics.F1)), reason);
            }
        }
        try (CSVPrinter w = printer(dir.resolve("drift.csv"), "model", "version", "window_start", "window_end", "severity", "consecutive",
                "confirmed", "retrain_requested", "max_ks", "alert_rate", "reasons")) {
            for (DriftReport r : result.driftReports()) {
                double ks = r.getFeatures().stream().mapToDouble(DistributionDrift::getKs).max().orElse(Double.NaN);
                w.printRecord(r.getModel(), String.valueOf(r.getModelVersion()), r.getWindowStart(), r.getWindowEnd(),
                        r.getSeverity().name(), r.getConsecutiveWindows(), r.getConfirmed(), r.getRetrainRequested(), figure(ks),
                        figure(r.getAlertRate()), String.join("; ", r.getReasons()));
            }
        }
    }

    /** A CSV file (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled) with its header. */
    private static CSVPrinter printer(Path file, String... header) throws IOException {
        return new CSVPrinter(Files.newBufferedWriter(file), CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get());
    }

    /** Four decimals with a decimal point whatever the default locale, so every reader parses it. */
    private static String figure(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String key(String entity, Instant windowStart) {
        return entity + "|" + windowStart.toEpochMilli();
    }

    private static String verdict(DetectorVerdict v) {
        String verdict = String.format(Locale.ROOT, "%s:%.3f:%s", v.getDetector(), v.getScore(), v.getAnomalous() ? "A" : "n");
        return v.getWeight() == null ? verdict : verdict + String.format(Locale.ROOT, ":w%.2f", v.getWeight());
    }

    /** Before or after the drift, or across it. */
    static String phase(DemoScenario scenario, Instant from, Instant to) {
        if (scenario.driftAt() == null || !to.isAfter(scenario.driftAt())) {
            return "before-drift";
        }
        return from.isBefore(scenario.driftAt()) ? "across-drift" : "after-drift";
    }
}
