package dev.vigil.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cli.Apps;
import dev.vigil.devstack.DevStack;
import dev.vigil.devstack.Promtool;
import dev.vigil.kit.app.AppRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five apps, started on a real broker and registry and scraped before any record arrives: every counter and
 * histogram the shipped dashboard and alert rules query exists already (the rules use {@code increase()}, which misses
 * a counter's first event when the counter only appears with it), and each app's own metrics pass
 * {@code promtool check metrics} without a lint message.
 */
class AppMetricsAtStartupIntegrationTest {
    private static final Path MONITORING = Path.of("..", "deploy", "k8s", "base", "monitoring");
    private static final Pattern VIGIL_METRIC = Pattern.compile("\\bvigil_[a-z0-9_]+");
    /**
     * A model's own meters, labelled by model or by its domain and detector: registered at zero when the model is first
     * announced, before its first event (DetectorMetricsTest), and absent before any model exists.
     */
    private static final Set<String> PER_MODEL = Set.of("vigil_detectors_scores_total", "vigil_detectors_scoring_latency_seconds_bucket",
            "vigil_detectors_model_swaps_total", "vigil_detectors_model_refusals_total");

    @Test
    void everyQueriedCounterExistsAtStartUpAndEveryAppPassesPromtool(@TempDir Path state) throws Exception {
        Set<String> queried = queriedMetrics();
        assertTrue(queried.size() >= 10, "the dashboard and rules query the apps' own metrics: " + queried);
        Map<String, String> scrapes = new LinkedHashMap<>();
        try (DevStack stack = DevStack.start()) {
            Map<String, String> settings = stack.appSettings(state);
            settings.put("vigil.topics.partitions", "1");
            List<AppRunner> runners = DemoRun.startAll(Apps.ALL, settings);
            try {
                List<String> names = new ArrayList<>(Apps.ALL.keySet());
                for (int i = 0; i < runners.size(); i++) {
                    scrapes.put(names.get(i), scrape(runners.get(i).httpPort()));
                }
            } finally {
                runners.reversed().forEach(AppRunner::close);
            }
        }

        Set<String> missing = new TreeSet<>();
        for (String name : queried) {
            boolean counterOrHistogram = name.endsWith("_total") || name.endsWith("_bucket");
            if (counterOrHistogram && !PER_MODEL.contains(name) && scrapes.values().stream().noneMatch(s -> exposes(s, name))) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "counters and histograms the dashboard or rules query, absent at start-up");
        for (var app : scrapes.entrySet()) {
            String own = String.join("\n", app.getValue().lines().filter(l -> l.startsWith("vigil_")
                    || l.startsWith("# HELP vigil_") || l.startsWith("# TYPE vigil_")).toList()) + "\n";
            assertTrue(own.contains("vigil_dead_letters_total") || app.getKey().equals("retrainer"), app.getKey() + ": " + own);
            if (Promtool.installed()) {
                Promtool.Result lint = Promtool.run(own, "check", "metrics");
                assertEquals("", lint.output().trim(), app.getKey() + ": promtool check metrics");
                assertEquals(0, lint.exitCode(), app.getKey() + ": promtool check metrics");
            }
        }
    }

    private static boolean exposes(String scrape, String name) {
        return scrape.startsWith(name + "{") || scrape.startsWith(name + " ") || scrape.contains("\n" + name + "{")
                || scrape.contains("\n" + name + " ");
    }

    private static Set<String> queriedMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String file : List.of("grafana-dashboard.json", "prometheusrule.yaml")) {
            Matcher m = VIGIL_METRIC.matcher(Files.readString(MONITORING.resolve(file)));
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static String scrape(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
