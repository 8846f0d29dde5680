package dev.vigil.drift;

import dev.vigil.kit.app.AppRunner;

/** Runs the drift monitor: {@code --config <file>} and {@code key=value} overrides. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppRunner.main(new DriftMonitorApp(), args);
    }
}
