package dev.vigil.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * For commands whose output is a live view or a table (demo, benchmarks): the apps log warnings only and the
 * embedded broker nothing below FATAL, unless VIGIL_LOG_LEVEL asks for more. Logging at INFO also costs the
 * apps CPU.
 */
public final class QuietLogs {
    private QuietLogs() {
    }

    public static void apply() {
        if (System.getenv("VIGIL_LOG_LEVEL") != null) {
            return;
        }
        Configurator.setLevel("dev.vigil", Level.WARN);
        Configurator.setLevel("org.apache.kafka", Level.ERROR);
        Configurator.setLevel("org.apache.kafka.streams.KafkaStreams", Level.ERROR);
        Configurator.setLevel("kafka", Level.FATAL);
        Configurator.setLevel("org.apache.kafka.storage", Level.FATAL);
        Configurator.setLevel("org.apache.kafka.controller", Level.FATAL);
    }
}
