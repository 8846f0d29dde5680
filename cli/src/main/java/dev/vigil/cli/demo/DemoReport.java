package dev.vigil.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.avro.Alert;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.DistributionDrift;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.cli.report.Charts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes vigil-report/index.html (plots), vigil-report/summary.json (the counts), and alerts.csv and windows.csv
 * ({@link DemoCsv}).
 */
final class DemoReport {
    private final Path dir;

    DemoReport(Path dir) {
        this.dir = dir;
    }

    void write(DemoResult result) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("summary.json").toFile(), result.summary());
        DemoCsv.write(dir, result);
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Vigil demo report</title>"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:auto}td,th{padding:4px 10px;border:1px solid #ccc}"
                + "table{border-collapse:collapse}.headline{font-size:1.15em;line-height:1.5}.false{color:#b00}</style></head><body>"
                + "<h1>Vigil demo report</h1>");
        html.append("<p class=\"headline\" id=\"headline\">").append(escape(Headline.of(result))).append("</p>");
        html.append("<p>Seed ").append(result.scenario().seed()).append(", simulated ").append(result.scenario().start()).append(" to ")
                .append(result.scenario().end()).append(result.scenario().driftAt() == null ? ", no drift" : ", drift at " + result.scenario().driftAt())
                .append(".</p>");
        html.append("<h2>Precision and recall per domain</h2>").append(domains(DomainFigures.of(result.scenario(), labelled(result))));
        html.append("<h2>Incidents</h2>").append(incidents(result));
        IncidentTimeline timeline = IncidentTimeline.of(result.scenario(), labelled(result));
        section(html, "Incident timeline", timeline.chart());
        html.append("<p>Lanes: ");
        for (int lane = 0; lane < timeline.lanes().size(); lane++) {
            html.append(lane == 0 ? "" : ", ").append(lane).append(" ").append(escape(timeline.lanes().get(lane)));
        }
        html.append("</p>");
        html.append("<h2>Labelled series</h2><p>Each series an anomaly was injected into, with the windows the injection covered "
                + "(labelled) and the windows an incident covered (alerted).</p>");
        for (XYChart chart : LabelledSeries.charts(result)) {
            section(html, chart.getTitle(), chart);
        }
        html.append("<h2>Reconciliation by entity and window</h2>").append(reconciliation(result.reconciliation()));
        section(html, "Score distributions per model version", scoreDistributions(result));
        section(html, "Drift statistics over time", driftChart(result));
        section(html, "Model timeline", timeline(result));
        html.append("<h2>Confusion matrix (windows)</h2>").append(confusion(result.evaluation().windows()));
        section(html, "ROC curve (AUC " + result.summary().get("roc_auc") + ")", curve("ROC", "false-positive rate", "true-positive rate", result.evaluation().curves().roc()));
        section(html, "Precision-recall curve", curve("PR", "recall", "precision", result.evaluation().curves().pr()));
        html.append("<h2>Every counter (summary.json)</h2><table>");
        result.summary().forEach((k, v) -> {
            if (!k.equals("reconciliation")) {
                html.append("<tr><th>").append(k).append("</th><td>").append(escape(String.valueOf(v))).append("</td></tr>");
            }
        });
        html.append("</table></body></html>");
        Files.writeString(dir.resolve("index.html"), html);
    }

    private static String reconciliation(List<Reconciliation.Stage> stages) {
        StringBuilder t = new StringBuilder("<table><tr><th>stage</th><th>unit</th><th>in</th><th>out</th><th>late</th>"
                + "<th>dead letters</th><th>missing</th><th>duplicated</th><th>still processing</th></tr>");
        for (Reconciliation.Stage s : stages) {
            t.append("<tr><td>").append(s.name().replace(">", "&gt;")).append("</td><td>").append(s.unit());
            for (long v : new long[] {s.in(), s.out(), s.late(), s.deadLetters(), s.missing(), s.duplicated(), s.stillProcessing()}) {
                t.append("</td><td>").append(v);
            }
            t.append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static void section(StringBuilder html, String title, Chart<?, ?> chart) throws IOException {
        byte[] png = Charts.png(chart);
        html.append("<h2>").append(title).append("</h2><img alt=\"").append(title).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">");
    }

    private static XYChart chart(String title, String x, String y) {
        return Charts.xy(title, x, y, 1000, 340);
    }

    private static XYChart scoreDistributions(DemoResult result) {
        XYChart chart = chart("Share of windows by calibrated score", "calibrated score", "share of windows");
        Map<String, double[]> histograms = new TreeMap<>();
        Map<String, Integer> totals = new TreeMap<>();
        for (DetectorScore s : result.scores()) {
            if (s.getStatus() != ScoreStatus.SCORED || s.getShadow()) {
                continue;
            }
            String key = s.getModelName() + " v" + s.getModelVersion();
            int bin = Math.min(19, (int) (s.getScore() * 20));
            histograms.computeIfAbsent(key, k -> new double[20])[bin]++;
            totals.merge(key, 1, Integer::sum);
        }
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = (i + 0.5) / 20;
        }
        histograms.forEach((key, h) -> {
            double[] share = new double[20];
            for (int i = 0; i < 20; i++) {
                share[i] = h[i] / totals.get(key);
            }
            chart.addSeries(key, x, share);
        });
        return Charts.placeholderIfEmpty(chart, "no scores");
    }

    private static XYChart driftChart(DemoResult result) {
        XYChart chart = chart("Largest KS distance per drift check", "window start", "max KS");
        Map<String, List<DriftReport>> byModel = new TreeMap<>();
        result.driftReports().forEach(r -> byModel.computeIfAbsent(r.getModel(), k -> new ArrayList<>()).add(r));
        byModel.forEach((model, reports) -> {
            reports.sort(Comparator.comparing(DriftReport::getWindowStart));
            List<Date> x = reports.stream().map(r -> Date.from(r.getWindowStart())).toList();
            List<Double> y = reports.stream().map(r -> r.getFeatures().stream().mapToDouble(DistributionDrift::getKs).max().orElse(0)).toList();
            chart.addSeries(model, x, y);
        });
        List<Date> cx = result.driftReports().stream().filter(DriftReport::getConfirmed).map(r -> Date.from(r.getWindowStart())).toList();
        List<Double> cy = result.driftReports().stream().filter(DriftReport::getConfirmed)
                .map(r -> r.getFeatures().stream().mapToDouble(DistributionDrift::getKs).max().orElse(0)).toList();
        Charts.scatter(chart, "confirmed", cx, cy);
        if (result.scenario().driftAt() != null && !result.driftReports().isEmpty()) {
            Date shift = Date.from(result.scenario().driftAt());
            Charts.scatter(chart, "true shift", List.of(shift, shift, shift), List.of(0.0, 0.5, 1.0));
        }
        return Charts.placeholderIfEmpty(chart, "no drift reports");
    }

    private static XYChart timeline(DemoResult result) {
        XYChart chart = chart("Version serving in production (first window scored)", "event time", "version");
        result.servingTimeline().forEach((model, versions) -> {
            List<Date> x = versions.values().stream().map(Date::from).toList();
            List<Double> y = versions.keySet().stream().map(Integer::doubleValue).toList();
            chart.addSeries(model, x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        });
        return Charts.placeholderIfEmpty(chart, "no model served");
    }

    private static XYChart curve(String title, String x, String y, List<double[]> points) {
        return Charts.placeholderIfEmpty(Charts.curves(chart(title, x, y), Map.of(title, points)), "not enough labelled windows");
    }

    private static List<Alert> labelled(DemoResult result) {
        return result.alerts().stream().filter(a -> DemoSettings.evaluated(a.getDomain())).toList();
    }

    private static String domains(List<DomainFigures> figures) {
        StringBuilder t = new StringBuilder("<table><tr><th>domain</th><th>incidents</th><th>real</th><th>precision</th>"
                + "<th>anomalies injected</th><th>alerted</th><th>recall</th></tr>");
        for (DomainFigures f : figures) {
            t.append("<tr><td>").append(f.domain()).append("</td><td>").append(f.incidents()).append("</td><td>").append(f.trueIncidents())
                    .append("</td><td>").append(percent(f.precision())).append("</td><td>").append(f.injections()).append("</td><td>")
                    .append(f.injectionsAlerted()).append("</td><td>").append(percent(f.recall())).append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    /** The labelled domains' incidents in time order: when, where, how strong, which detectors agreed, and the verdict. */
    private static String incidents(DemoResult result) {
        StringBuilder t = new StringBuilder("<table><tr><th>first window</th><th>last window end</th><th>domain</th><th>entity</th>"
                + "<th>windows</th><th>severity</th><th>detectors that agreed</th><th>verdict</th></tr>");
        List<Alert> sorted = labelled(result).stream().sorted(Comparator.comparing(Alert::getFirstWindowStart)).toList();
        for (Alert a : sorted) {
            String injected = result.scenario().injections().stream()
                    .filter(i -> Evaluation.entitiesOf(a).stream().anyMatch(e -> i.covers(e, a.getFirstWindowStart(), a.getLastWindowEnd())))
                    .map(Injection::category).distinct().collect(java.util.stream.Collectors.joining(", "));
            String entity = a.getCorrelated() ? a.getEntities().size() + " entities: " + String.join(", ", a.getEntities()) : a.getEntity();
            String agreed = a.getDetectorScores().stream().filter(DetectorVerdict::getAnomalous).map(DetectorVerdict::getDetector)
                    .collect(java.util.stream.Collectors.joining(", "));
            t.append(injected.isEmpty() ? "<tr class=\"false\">" : "<tr>").append("<td>").append(a.getFirstWindowStart()).append("</td><td>")
                    .append(a.getLastWindowEnd()).append("</td><td>").append(a.getDomain()).append("</td><td>").append(escape(entity))
                    .append("</td><td>").append(a.getWindowCount()).append("</td><td>").append(a.getSeverity()).append("</td><td>")
                    .append(agreed).append("</td><td>").append(injected.isEmpty() ? "false alarm" : "real: " + injected).append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * share);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String confusion(Evaluation.Confusion c) {
        return "<table><tr><th></th><th>alerted</th><th>not alerted</th></tr><tr><th>anomalous</th><td>" + c.tp() + "</td><td>" + c.fn()
                + "</td></tr><tr><th>normal</th><td>" + c.fp() + "</td><td>" + c.tn() + "</td></tr></table>";
    }
}
