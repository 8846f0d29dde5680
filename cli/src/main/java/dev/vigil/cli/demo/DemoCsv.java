package dev.vigil.cli.demo;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.DistributionDrift;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.models.ValidationMetrics;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo's evidence as CSV next to the report: {@code alerts.csv}, every incident of the labelled domains with its
 * verdict against the injections, and {@code windows.csv}, every labelled-domain window with what was injected, each
 * production detector's calibrated score and verdict, and whether an alert covers it. With them a false alert can
 * be traced to its detectors and features without rerunning the demo. {@code models.csv} lists every model version
 * announcement (stage, training data, holdout figures, why), {@code drift.csv} every drift report.
 */
final class DemoCsv {
    static final List<String> DETECTORS = List.of("isolation-forest", "rules", "forecaster", "classifier");

    private DemoCsv() {
    }

    static void write(Path dir, DemoResult result) throws IOException {
        DemoScenario scenario = result.scenario();
        List<Alert> alerts = result.alerts().stream().filter(a -> DemoSettings.evaluated(a.getDomain())).toList();
        try (Writer w = Files.newBufferedWriter(dir.resolve("alerts.csv"))) {
            w.write("alert_id,domain,entity,entities,correlated,status,first_window_start,last_window_end,window_count,severity,"
                    + "combined_score,true_positive,injected,phase,detectors\n");
            for (Alert a : alerts) {
                List<String> entities = a.getEntities().isEmpty() ? List.of(a.getEntity()) : a.getEntities();
                String injected = scenario.injections().stream()
                        .filter(i -> entities.stream().anyMatch(e -> i.covers(e, a.getFirstWindowStart(), a.getLastWindowEnd())))
                        .map(Injection::category).distinct().collect(Collectors.joining(" "));
                String detectors = a.getDetectorScores().stream().map(DemoCsv::verdict).collect(Collectors.joining(" "));
                w.write(String.join(",", a.getAlertId(), a.getDomain(), a.getEntity(), Integer.toString(entities.size()),
                        Boolean.toString(a.getCorrelated()), a.getStatus().name(), a.getFirstWindowStart().toString(),
                        a.getLastWindowEnd().toString(), Integer.toString(a.getWindowCount()), a.getSeverity().name(),
                        String.format("%.4f", a.getCombinedScore()), Boolean.toString(!injected.isEmpty()), injected,
                        phase(scenario, a.getFirstWindowStart(), a.getLastWindowEnd()), detectors) + "\n");
            }
        }
        writeModels(dir, result);
        Map<String, Map<String, DetectorScore>> production = new HashMap<>();
        for (DetectorScore s : result.scores()) {
            if (s.getStatus() == ScoreStatus.SCORED && !s.getShadow() && DemoSettings.evaluated(s.getDomain())) {
                production.computeIfAbsent(key(s.getEntity(), s.getWindowStart()), k -> new TreeMap<>()).put(s.getDetector(), s);
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("windows.csv"))) {
            StringBuilder header = new StringBuilder("domain,entity,window_start,window_end,event_count,injected,phase,alerted");
            DETECTORS.forEach(d -> header.append(',').append(d).append("_score,").append(d).append("_flag,").append(d).append("_version"));
            w.write(header.append(",features\n").toString());
            List<FeatureVector> windows = result.features().stream().filter(f -> DemoSettings.evaluated(f.getDomain()))
                    .sorted(Comparator.comparing(FeatureVector::getWindowStart).thenComparing(FeatureVector::getEntity)).toList();
            for (FeatureVector f : windows) {
                String injected = scenario.injections().stream().filter(i -> i.covers(f.getEntity(), f.getWindowStart(), f.getWindowEnd()))
                        .map(Injection::category).distinct().collect(Collectors.joining(" "));
                boolean alerted = alerts.stream().anyMatch(a -> (a.getEntity().equals(f.getEntity()) || a.getEntities().contains(f.getEntity()))
                        && !f.getWindowStart().isBefore(a.getFirstWindowStart()) && f.getWindowStart().isBefore(a.getLastWindowEnd()));
                StringBuilder line = new StringBuilder(String.join(",", f.getDomain(), f.getEntity(), f.getWindowStart().toString(),
                        f.getWindowEnd().toString(), Long.toString(f.getEventCount()), injected,
                        phase(scenario, f.getWindowStart(), f.getWindowEnd()), Boolean.toString(alerted)));
                Map<String, DetectorScore> byDetector = production.getOrDefault(key(f.getEntity(), f.getWindowStart()), Map.of());
                for (String d : DETECTORS) {
                    DetectorScore s = byDetector.get(d);
                    line.append(s == null ? ",,," : String.format(",%.4f,%s,%d", s.getScore(), s.getAnomalous(), s.getModelVersion()));
                }
                line.append(',');
                for (int j = 0; j < f.getFeatureNames().size(); j++) {
                    line.append(j == 0 ? "" : " ").append(f.getFeatureNames().get(j)).append('=').append(f.getValues().get(j));
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    private static void writeModels(Path dir, DemoResult result) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("models.csv"))) {
            w.write("name,version,stage,created_at,trained_from,trained_to,samples,labelled,holdout_alert_rate,holdout_f1,reason\n");
            for (ModelVersion v : result.versions()) {
                String reason = v.getStageHistory().isEmpty() ? "" : v.getStageHistory().getLast().getReason();
                w.write(String.join(",", v.getName(), Integer.toString(v.getVersion()), v.getStage().name(), v.getCreatedAt().toString(),
                        v.getTrainingData().getFromTime().toString(), v.getTrainingData().getToTime().toString(),
                        Long.toString(v.getTrainingData().getSampleCount()), Long.toString(v.getTrainingData().getLabelledCount()),
                        figure(v.getValidation().get(ValidationMetrics.ALERT_RATE)), figure(v.getValidation().get(ValidationMetrics.F1)), csvText(reason)) + "\n");
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("drift.csv"))) {
            w.write("model,version,window_start,window_end,severity,consecutive,confirmed,retrain_requested,max_ks,alert_rate,reasons\n");
            for (DriftReport r : result.driftReports()) {
                double ks = r.getFeatures().stream().mapToDouble(DistributionDrift::getKs).max().orElse(Double.NaN);
                w.write(String.join(",", r.getModel(), String.valueOf(r.getModelVersion()), r.getWindowStart().toString(),
                        r.getWindowEnd().toString(), r.getSeverity().name(), Integer.toString(r.getConsecutiveWindows()),
                        Boolean.toString(r.getConfirmed()), Boolean.toString(r.getRetrainRequested()), figure(ks),
                        figure(r.getAlertRate()), csvText(String.join("; ", r.getReasons()))) + "\n");
            }
        }
    }

    private static String figure(Double v) {
        return v == null || v.isNaN() ? "" : String.format("%.4f", v);
    }

    /** Free text as one CSV field. */
    private static String csvText(String text) {
        return "\"" + text.replace("\"", "'").replace('\n', ' ') + "\"";
    }

    private static String key(String entity, Instant windowStart) {
        return entity + "|" + windowStart.toEpochMilli();
    }

    private static String verdict(DetectorVerdict v) {
        return String.format("%s:%.3f:%s", v.getDetector(), v.getScore(), v.getAnomalous() ? "A" : "n");
    }

    /** Before or after the drift, or across it. */
    static String phase(DemoScenario scenario, Instant from, Instant to) {
        if (scenario.driftAt() == null || !to.isAfter(scenario.driftAt())) {
            return "before-drift";
        }
        return from.isBefore(scenario.driftAt()) ? "across-drift" : "after-drift";
    }
}
