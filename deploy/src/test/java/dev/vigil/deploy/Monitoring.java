package dev.vigil.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The PromQL of the PrometheusRule and of the Grafana dashboard, and the metric names it uses. */
final class Monitoring {
    static final Path RULES = Manifests.BASE.resolve("monitoring/prometheusrule.yaml");
    static final Path DASHBOARD = Manifests.BASE.resolve("monitoring/grafana-dashboard.json");
    /** Metric names: the identifier right before a selector, a range or a closing parenthesis. */
    private static final Pattern METRIC = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?=\\{|\\[|\\)|\\s*(>|<|==|$))");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "rate", "increase", "by", "without",
            "histogram_quantile", "count", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool",
            "max_over_time", "min_over_time", "label_values", "humanize");

    private Monitoring() {
    }

    static List<Map<String, Object>> alertRules() {
        Resource rule = Manifests.read(RULES).getFirst();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object group : rule.list("spec", "groups")) {
            for (Object r : (List<?>) Resource.walk(group, "rules")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) r;
                out.add(map);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dashboard() {
        try {
            // JSON is YAML, so one parser reads both.
            return (Map<String, Object>) new Yaml().load(Files.readString(DASHBOARD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> panels() {
        return ((List<Map<String, Object>>) dashboard().get("panels")).stream().filter(p -> !"row".equals(p.get("type"))).toList();
    }

    static List<String> dashboardExpressions() {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> panel : panels()) {
            for (Object target : (List<?>) panel.get("targets")) {
                out.add(String.valueOf(Resource.walk(target, "expr")));
            }
        }
        return out;
    }

    static List<String> ruleExpressions() {
        return alertRules().stream().map(r -> String.valueOf(r.get("expr"))).toList();
    }

    static Set<String> metricNames(String expression) {
        // Label matchers and strings are not metric names.
        String stripped = expression.replaceAll("\\{[^}]*}", "{}").replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = METRIC.matcher(stripped);
        while (m.find()) {
            String name = m.group(1);
            if (!PROMQL_WORDS.contains(name) && !name.matches("\\d.*")) {
                out.add(name);
            }
        }
        return out;
    }

    static Set<String> allMetricNames() {
        Set<String> out = new TreeSet<>();
        ruleExpressions().forEach(e -> out.addAll(metricNames(e)));
        dashboardExpressions().forEach(e -> out.addAll(metricNames(e)));
        return out;
    }
}
