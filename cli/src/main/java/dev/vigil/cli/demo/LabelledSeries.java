package dev.vigil.cli.demo;

import dev.vigil.avro.Alert;
import dev.vigil.avro.FeatureVector;
import dev.vigil.cli.report.Charts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The demo report's charts of every series an anomaly was injected into: the feature the anomaly moves (error rate for
 * error spikes, p99 latency for latency spikes, the window's event count for traffic changes and BGP events), with the
 * windows the injection covered and the windows an incident covered marked on the line itself.
 */
final class LabelledSeries {
    private LabelledSeries() {
    }

    static List<XYChart> charts(DemoResult result) {
        Map<String, Set<String>> featuresByEntity = new TreeMap<>();
        for (Injection injection : result.scenario().injections()) {
            for (String entity : injection.entities()) {
                featuresByEntity.computeIfAbsent(entity, e -> new LinkedHashSet<>()).add(featureMoved(injection.kind()));
            }
        }
        Map<String, List<FeatureVector>> byEntity = new TreeMap<>();
        result.features().stream().filter(f -> featuresByEntity.containsKey(f.getEntity()))
                .forEach(f -> byEntity.computeIfAbsent(f.getEntity(), e -> new ArrayList<>()).add(f));
        List<XYChart> charts = new ArrayList<>();
        featuresByEntity.forEach((entity, features) -> {
            List<FeatureVector> series = byEntity.getOrDefault(entity, List.of()).stream()
                    .sorted(Comparator.comparing(FeatureVector::getWindowStart)).toList();
            features.forEach(feature -> charts.add(chart(result, entity, feature, series)));
        });
        return charts;
    }

    /** The feature an injected anomaly of this kind moves most visibly. */
    static String featureMoved(Injection.Kind kind) {
        return switch (kind) {
            case ERROR_SPIKE, COMBINED -> "error_rate";
            case LATENCY_SPIKE -> "latency_p99";
            default -> "event_count";
        };
    }

    /** The feature's value in the window; NaN when the vector does not carry it. */
    static double value(FeatureVector f, String feature) {
        if (feature.equals("event_count")) {
            return f.getEventCount();
        }
        int i = f.getFeatureNames().indexOf(feature);
        return i < 0 ? Double.NaN : f.getValues().get(i);
    }

    private static XYChart chart(DemoResult result, String entity, String feature, List<FeatureVector> series) {
        XYChart chart = Charts.xy(entity + ": " + feature, "event time", feature, 1000, 260);
        if (series.isEmpty()) {
            return Charts.placeholderIfEmpty(chart, "no windows");
        }
        List<Date> x = series.stream().map(f -> Date.from(f.getWindowStart())).toList();
        List<Double> y = series.stream().map(f -> value(f, feature)).toList();
        chart.addSeries(feature, x, y).setMarker(SeriesMarkers.NONE);
        List<Date> labelledX = new ArrayList<>();
        List<Double> labelledY = new ArrayList<>();
        List<Date> alertedX = new ArrayList<>();
        List<Double> alertedY = new ArrayList<>();
        for (FeatureVector f : series) {
            if (Evaluation.truth(result.scenario(), List.of(entity), f.getWindowStart(), f.getWindowEnd())) {
                labelledX.add(Date.from(f.getWindowStart()));
                labelledY.add(value(f, feature));
            }
            if (result.alerts().stream().anyMatch(a -> covers(a, entity, f))) {
                alertedX.add(Date.from(f.getWindowStart()));
                alertedY.add(value(f, feature));
            }
        }
        Charts.scatter(chart, "labelled anomaly", labelledX, labelledY);
        Charts.scatter(chart, "alerted", alertedX, alertedY);
        return chart;
    }

    private static boolean covers(Alert a, String entity, FeatureVector f) {
        return Evaluation.entitiesOf(a).contains(entity) && !f.getWindowStart().isBefore(a.getFirstWindowStart())
                && f.getWindowStart().isBefore(a.getLastWindowEnd());
    }
}
