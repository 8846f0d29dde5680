package dev.vigil.retrainer;

import dev.vigil.kit.app.AppRunner;

/** Starts the retrainer: {@code --config <file>} and {@code key=value} overrides. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppRunner.main(new RetrainerApp(), args);
    }
}
