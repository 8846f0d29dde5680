package dev.vigil.detectors;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The versions of one model that currently serve: the production version, whose scores count, and an
 * optional staging version scored in shadow. Each is swapped atomically; a scoring thread reads each
 * reference once per vector, so a vector is scored wholly by one version and its record names that version.
 */
public final class ModelSlot {
    private final String name;
    private final String domain;
    private final String detector;
    private final AtomicReference<ServingModel> production = new AtomicReference<>();
    private final AtomicReference<ServingModel> shadow = new AtomicReference<>();

    ModelSlot(String name, String domain, String detector) {
        this.name = name;
        this.domain = domain;
        this.detector = detector;
    }

    public String name() {
        return name;
    }

    public String domain() {
        return domain;
    }

    public String detector() {
        return detector;
    }

    /** The production version, or null while none has been loaded. */
    public ServingModel production() {
        return production.get();
    }

    /** The staging version scored in shadow, or null. */
    public ServingModel shadow() {
        return shadow.get();
    }

    AtomicReference<ServingModel> reference(Stage stage) {
        return stage == Stage.PRODUCTION ? production : shadow;
    }

    /** The two serving roles of a model version. */
    public enum Stage {
        PRODUCTION, SHADOW;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
