package dev.vigil.cli;

import dev.vigil.aggregator.AggregatorApp;
import dev.vigil.detectors.DetectorsApp;
import dev.vigil.drift.DriftMonitorApp;
import dev.vigil.ensemble.EnsembleApp;
import dev.vigil.kit.app.StreamsProperties;
import dev.vigil.kit.app.VigilApp;
import dev.vigil.retrainer.RetrainerApp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The five apps by name, in pipeline order, and the consumer groups of those that run on Kafka Streams. */
public final class Apps {
    public static final Map<String, Supplier<VigilApp>> ALL;
    /** The apps that run on Kafka Streams (the retrainer is a service loop). */
    public static final List<String> STREAMS = List.of("aggregator", "detectors", "ensemble", "drift-monitor");

    static {
        Map<String, Supplier<VigilApp>> all = new LinkedHashMap<>();
        all.put("aggregator", AggregatorApp::new);
        all.put("detectors", DetectorsApp::new);
        all.put("ensemble", EnsembleApp::new);
        all.put("drift-monitor", DriftMonitorApp::new);
        all.put("retrainer", RetrainerApp::new);
        ALL = java.util.Collections.unmodifiableMap(all);
    }

    private Apps() {
    }

    /** The consumer group of a Kafka Streams app: its application id. */
    public static String group(String app) {
        return StreamsProperties.applicationId(app);
    }

    /** The consumer groups of every Kafka Streams app, in pipeline order. */
    public static List<String> streamsGroups() {
        return STREAMS.stream().map(Apps::group).toList();
    }

    static VigilApp byName(String name) {
        Supplier<VigilApp> app = ALL.get(name);
        if (app == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new VigilCli()),
                    "Unknown app '" + name + "'; use one of " + ALL.keySet());
        }
        return app.get();
    }
}
