package dev.vigil.deploy;

import java.util.List;

/** The five Vigil apps as the build and the manifests name them. */
enum VigilApp {
    AGGREGATOR("aggregator", "aggregator", true),
    DETECTORS("detectors", "detectors", true),
    ENSEMBLE("ensemble", "ensemble", true),
    DRIFT_MONITOR("drift-monitor", "drift", true),
    RETRAINER("retrainer", "retrainer", false);

    /** Module directory and the suffix of artifact, image and workload names. */
    final String module;
    final String javaPackage;
    /** Kafka Streams apps keep state stores; the retrainer is a service app. */
    final boolean streams;

    VigilApp(String module, String javaPackage, boolean streams) {
        this.module = module;
        this.javaPackage = javaPackage;
        this.streams = streams;
    }

    String workloadName() {
        return "vigil-" + module;
    }

    String workloadKind() {
        return streams ? "StatefulSet" : "Deployment";
    }

    String mainClass() {
        return "dev.vigil." + javaPackage + ".Main";
    }

    String imageRepository() {
        return "ghcr.io/vigil-project/vigil-" + module;
    }

    static List<VigilApp> streamsApps() {
        return List.of(values()).stream().filter(a -> a.streams).toList();
    }
}
