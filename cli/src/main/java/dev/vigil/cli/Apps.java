package dev.vigil.cli;

import dev.vigil.aggregator.AggregatorApp;
import dev.vigil.detectors.DetectorsApp;
import dev.vigil.drift.DriftMonitorApp;
import dev.vigil.ensemble.EnsembleApp;
import dev.vigil.retrainer.RetrainerApp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The five apps by name, in pipeline order. */
final class Apps {
    static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("aggregator", AggregatorApp::new);
        ALL.put("detectors", DetectorsApp::new);
        ALL.put("ensemble", EnsembleApp::new);
        ALL.put("drift-monitor", DriftMonitorApp::new);
        ALL.put("retrainer", RetrainerApp::new);
    }

    private Apps() {
    }

    static Object byName(String name) {
        Supplier<Object> app = ALL.get(name);
        if (app == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new VigilCli()),
                    "Unknown app '" + name + "'; use one of " + ALL.keySet());
        }
        return app.get();
    }
}
