package dev.vigil.kit.app;

import dev.vigil.kit.config.VigilConfig;

/** An app that is not a Streams topology (the retrainer): it starts its own clients and reports readiness. */
public non-sealed interface ServiceApp extends VigilApp {
    /** Starts the service's own clients and loops. */
    Service startService(AppContext context);

    @Override
    default AppRunner start(VigilConfig config) {
        return AppRunner.start(this, config);
    }

    /** The topics the service reads, whose dead-letter counters start at zero. */
    default java.util.Set<String> sourceTopics(AppContext context) {
        return java.util.Set.of();
    }

    /** A running service. */
    interface Service extends AutoCloseable {
        /** Can do its work now (e.g. its loop holds partitions and is not waiting out an outage). */
        boolean ready();

        /** False when the service cannot recover by itself (its loop died or is wedged): the platform should restart it. */
        default boolean live() {
            return true;
        }

        @Override
        void close();
    }
}
