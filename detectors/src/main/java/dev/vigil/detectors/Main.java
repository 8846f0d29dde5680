package dev.vigil.detectors;

import dev.vigil.kit.app.AppRunner;

/** Runs the detectors app: {@code --config <file>} and {@code key=value} overrides. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppRunner.main(new DetectorsApp(), args);
    }
}
