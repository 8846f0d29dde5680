package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PodMonitor, alert rules and dashboard: every app scraped, every requested subject covered. */
class MonitoringManifestTest {
    private final Manifests base = Manifests.readResources(Manifests.BASE);

    @ParameterizedTest
    @EnumSource(VigilApp.class)
    void thePodMonitorScrapesEveryAppOnItsMetricsPort(VigilApp app) {
        Resource workload = base.get(app.workloadKind(), app.workloadName());
        Map<String, Object> podLabels = workload.map("spec", "template", "metadata", "labels");
        Resource monitor = base.get("PodMonitor", "vigil-apps");
        monitor.map("spec", "selector", "matchLabels").forEach((k, v) -> assertEquals(v, podLabels.get(k), app + " label " + k));
        for (Object expression : monitor.list("spec", "selector", "matchExpressions")) {
            assertEquals("In", Resource.walk(expression, "operator"));
            Object value = podLabels.get(String.valueOf(Resource.walk(expression, "key")));
            assertTrue(((List<?>) Resource.walk(expression, "values")).contains(value), app + " not selected by " + expression);
        }
        Object endpoint = monitor.list("spec", "podMetricsEndpoints").getFirst();
        assertEquals("/metrics", Resource.walk(endpoint, "path"));
        Workloads.port(workload.container("app"), String.valueOf(Resource.walk(endpoint, "port")));
    }

    @Test
    void alertsCoverLagDeadLettersDriftAndRefusedModels() {
        Map<String, String> required = Map.of(
                "consumer lag", "kafka_consumer_fetch_manager_records_lag_max",
                "dead-letter rate", "vigil_dead_letters_total",
                "drift confirmed", "vigil_drift_monitor_confirmed",
                "model refused", "vigil_detectors_model_refusals_total");
        Set<String> used = new HashSet<>();
        Monitoring.ruleExpressions().forEach(e -> used.addAll(Monitoring.metricNames(e)));
        required.forEach((subject, metric) -> assertTrue(used.contains(metric), "no alert on " + subject + " (" + metric + ")"));
        for (Map<String, Object> rule : Monitoring.alertRules()) {
            assertTrue(String.valueOf(rule.get("alert")).startsWith("Vigil"), rule.toString());
            assertTrue(Set.of("info", "warning", "critical").contains(Resource.walk(rule, "labels", "severity")), rule.toString());
            assertTrue(Resource.walk(rule, "annotations", "summary") != null, rule + " needs a summary");
            assertTrue(Resource.walk(rule, "annotations", "description") != null, rule + " needs a description");
        }
        Set<Object> names = Monitoring.alertRules().stream().map(r -> r.get("alert")).collect(Collectors.toSet());
        assertEquals(Monitoring.alertRules().size(), names.size(), "alert names must be unique");
    }

    @Test
    void dashboardShowsEveryRequestedSubject() {
        Map<String, String> required = Map.of(
                "throughput", "kafka_stream_thread_process_total",
                "lag", "kafka_consumer_fetch_manager_records_lag_max",
                "scores", "vigil_detectors_scores_total",
                "drift statistics", "vigil_drift_monitor_ks",
                "model versions", "vigil_detectors_model_version",
                "alerts", "vigil_ensemble_alerts_total",
                "firing alerts", "ALERTS",
                "dead letters", "vigil_dead_letters_total");
        Set<String> used = new HashSet<>();
        Monitoring.dashboardExpressions().forEach(e -> used.addAll(Monitoring.metricNames(e)));
        required.forEach((subject, metric) -> assertTrue(used.contains(metric), "no panel on " + subject + " (" + metric + ")"));
    }

    @Test
    void dashboardIsWellFormedForGrafana() {
        Map<String, Object> dashboard = Monitoring.dashboard();
        assertEquals("vigil-overview", dashboard.get("uid"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all = (List<Map<String, Object>>) dashboard.get("panels");
        assertEquals(all.size(), all.stream().map(p -> p.get("id")).collect(Collectors.toSet()).size(), "panel ids must be unique");
        Set<String> variables = new TreeSet<>();
        for (Object variable : (List<?>) Resource.walk(dashboard, "templating", "list")) {
            variables.add(String.valueOf(Resource.walk(variable, "name")));
        }
        for (Map<String, Object> panel : Monitoring.panels()) {
            assertEquals("${datasource}", Resource.walk(panel, "datasource", "uid"), panel.get("title") + " datasource");
            assertFalse(((List<?>) panel.get("targets")).isEmpty(), panel.get("title") + " has no query");
            for (String expression : ((List<?>) panel.get("targets")).stream().map(t -> String.valueOf(Resource.walk(t, "expr"))).toList()) {
                assertTrue(expression.contains("namespace=\"$namespace\""), panel.get("title") + " ignores the namespace variable");
                assertEquals(count(expression, '('), count(expression, ')'), expression);
                assertEquals(count(expression, '{'), count(expression, '}'), expression);
                java.util.regex.Matcher uses = java.util.regex.Pattern.compile("\\$([a-z_]+)").matcher(expression);
                while (uses.find()) {
                    assertTrue(variables.contains(uses.group(1)) || uses.group(1).startsWith("__"), "unknown variable $" + uses.group(1));
                }
            }
        }
        checkLayout(all);
        String kustomization = TopicsManifestTest.read(Manifests.BASE.resolve("kustomization.yaml"));
        assertTrue(kustomization.contains("monitoring/grafana-dashboard.json") && kustomization.contains("grafana_dashboard"),
                "the dashboard ships as a ConfigMap the Grafana sidecar picks up");
    }

    /** The apps' own metrics are a contract with their authors: the README lists every one the rules and dashboard use. */
    @Test
    void everyVigilMetricUsedIsDocumentedInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> undocumented = new TreeSet<>();
        for (String metric : Monitoring.allMetricNames()) {
            if (metric.startsWith("vigil_") && !readme.contains("`" + metric + "`")) {
                undocumented.add(metric);
            }
        }
        assertEquals(Set.of(), undocumented);
    }

    /** Panels fit Grafana's 24 columns and do not overlap. */
    private static void checkLayout(List<Map<String, Object>> panels) {
        Set<String> cells = new HashSet<>();
        for (Map<String, Object> panel : panels) {
            int x = ((Number) Resource.walk(panel, "gridPos", "x")).intValue();
            int y = ((Number) Resource.walk(panel, "gridPos", "y")).intValue();
            int w = ((Number) Resource.walk(panel, "gridPos", "w")).intValue();
            int h = ((Number) Resource.walk(panel, "gridPos", "h")).intValue();
            assertTrue(x >= 0 && w > 0 && x + w <= 24, panel.get("title") + " does not fit 24 columns");
            for (int cx = x; cx < x + w; cx++) {
                for (int cy = y; cy < y + h; cy++) {
                    assertTrue(cells.add(cx + "," + cy), panel.get("title") + " overlaps another panel at " + cx + "," + cy);
                }
            }
        }
    }

    private static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }
}
