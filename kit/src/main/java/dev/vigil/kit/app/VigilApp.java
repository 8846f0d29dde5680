package dev.vigil.kit.app;

import dev.vigil.kit.config.VigilConfig;

/**
 * One of Vigil's apps, whatever runs inside it: a Kafka Streams topology ({@link StreamsApp}) or a service with
 * its own clients ({@link ServiceApp}). Launchers (an app's main, the CLI, the demo, the benchmarks) start any app
 * through {@link #start(VigilConfig)}, so none of them needs to know which kind it is.
 */
public sealed interface VigilApp permits StreamsApp, ServiceApp {
    /** Short name: aggregator, detectors, ensemble, drift-monitor, retrainer. Also names the default application.id. */
    String name();

    /** Starts the app with its /metrics and health endpoints and returns once it is started (not necessarily ready). */
    AppRunner start(VigilConfig config);
}
