package dev.vigil.kit.app;

/** An app that is not a Streams topology (the retrainer): it starts its own clients and reports readiness. */
public interface ServiceApp {
    String name();

    Service start(AppContext context);

    /** A running service. */
    interface Service extends AutoCloseable {
        boolean ready();

        @Override
        void close();
    }
}
