package dev.vigil.drift;

import dev.vigil.avro.DistributionDrift;
import dev.vigil.avro.DriftReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges of every figure of the latest drift check of each model, named {@code vigil.drift-monitor.<figure>}
 * (Prometheus: {@code vigil_drift_monitor_<figure>}) and tagged with {@code model} and, for distributions,
 * {@code feature} ({@code score} for the model's score). A figure a check could not compute reads NaN.
 */
public final class DriftGauges {
    private final MeterRegistry registry;
    private final String prefix;
    /** Strong references: Micrometer holds gauge state objects weakly. */
    private final Map<String, Value> values = new ConcurrentHashMap<>();

    public DriftGauges(MeterRegistry registry, String appName) {
        this.registry = registry;
        this.prefix = "vigil." + appName + ".";
    }

    public void record(DriftReport report) {
        String model = report.getModel();
        for (DistributionDrift d : report.getFeatures()) {
            distribution(model, d);
        }
        if (report.getScore() != null) {
            distribution(model, report.getScore());
        }
        Tags tags = Tags.of("model", model);
        set("alert.rate", tags, report.getAlertRate());
        set("alert.rate.expected", tags, report.getExpectedAlertRate());
        set("precision", tags, report.getPrecision());
        set("recall", tags, report.getRecall());
        set("false.positive.rate", tags, report.getFalsePositiveRate());
        set("severity", tags, (double) report.getSeverity().ordinal());
        set("consecutive.windows", tags, (double) report.getConsecutiveWindows());
        set("confirmed", tags, report.getConfirmed() ? 1.0 : 0.0);
        set("window.end.seconds", tags, report.getWindowEnd().toEpochMilli() / 1000.0);
    }

    private void distribution(String model, DistributionDrift d) {
        Tags tags = Tags.of("model", model, "feature", d.getName());
        set("ks", tags, d.getKs());
        set("psi", tags, d.getPsi());
        set("wasserstein", tags, d.getWasserstein());
        set("median.shift", tags, d.getMedianShift());
        set("p95.shift", tags, d.getP95Shift());
        set("samples", tags, (double) d.getCount());
        set("baseline.samples", tags, (double) d.getBaselineCount());
        set("feature.severity", tags, (double) d.getSeverity().ordinal());
    }

    private void set(String figure, Tags tags, Double value) {
        String id = figure + tags;
        values.computeIfAbsent(id, k -> register(figure, tags)).value = value == null ? Double.NaN : value;
    }

    private Value register(String figure, Tags tags) {
        Value holder = new Value();
        Gauge.builder(prefix + figure, holder, v -> v.value).tags(tags).register(registry);
        return holder;
    }

    /** The figures currently exported, by name and tags; for tests and the status endpoint. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    private static final class Value {
        volatile double value = Double.NaN;
    }
}
