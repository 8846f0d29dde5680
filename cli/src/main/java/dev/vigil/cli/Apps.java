package dev.vigil.cli;

import dev.vigil.aggregator.AggregatorApp;
import dev.vigil.detectors.DetectorsApp;
import dev.vigil.drift.DriftMonitorApp;
import dev.vigil.ensemble.EnsembleApp;
import dev.vigil.kit.app.VigilApp;
import dev.vigil.retrainer.RetrainerApp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The five apps by name, in pipeline order. */
public final class Apps {
    public static final Map<String, Supplier<VigilApp>> ALL;

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

    static VigilApp byName(String name) {
        Supplier<VigilApp> app = ALL.get(name);
        if (app == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new VigilCli()),
                    "Unknown app '" + name + "'; use one of " + ALL.keySet());
        }
        return app.get();
    }
}
