package dev.vigil.cli.demo;

import dev.vigil.avro.Alert;
import dev.vigil.cli.report.Charts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;

/**
 * The labelled domains' incidents and injected anomalies on one time axis, one lane per entity: where the injections
 * were, which incidents were real and which were false alarms. A correlated incident is drawn on each entity it names.
 */
record IncidentTimeline(XYChart chart, List<String> lanes) {

    static IncidentTimeline of(DemoScenario scenario, List<Alert> alerts) {
        TreeSet<String> entities = new TreeSet<>();
        scenario.injections().forEach(i -> entities.addAll(i.entities()));
        alerts.forEach(a -> entities.addAll(Evaluation.entitiesOf(a)));
        List<String> lanes = List.copyOf(entities);
        // Lanes are numbered on the axis and named in the report beside the chart: XChart's tick labelling loops
        // forever when a formatting function gives several ticks the same (empty) label.
        XYChart chart = Charts.xy("Injected anomalies and incidents, one lane per entity", "event time", "lane",
                1000, Math.max(260, 60 + 22 * lanes.size()));
        Points injected = new Points();
        for (Injection i : scenario.injections()) {
            for (String entity : i.entities()) {
                injected.add(i.start(), i.end(), DemoSettings.windowOf(i.domain()), lanes.indexOf(entity));
            }
        }
        Points real = new Points();
        Points falseAlarms = new Points();
        for (Alert a : alerts) {
            Points target = Evaluation.isTrue(scenario, a) ? real : falseAlarms;
            for (String entity : Evaluation.entitiesOf(a)) {
                target.add(a.getFirstWindowStart(), a.getLastWindowEnd(), DemoSettings.windowOf(a.getDomain()), lanes.indexOf(entity) + 0.25);
            }
        }
        Charts.scatter(chart, "injected anomaly", injected.x, injected.y);
        Charts.scatter(chart, "real incident", real.x, real.y);
        Charts.scatter(chart, "false alarm", falseAlarms.x, falseAlarms.y);
        return new IncidentTimeline(Charts.placeholderIfEmpty(chart, "no injections or incidents"), lanes);
    }

    /** One point per window of a span, on a lane. */
    private static final class Points {
        final List<Date> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();

        void add(Instant from, Instant to, Duration window, double lane) {
            for (Instant t = from; t.isBefore(to); t = t.plus(window)) {
                x.add(Date.from(t));
                y.add(lane);
            }
        }
    }
}
