package dev.vigil.aggregator;

import dev.vigil.kit.app.AppRunner;

/** Runs the aggregator: {@code --config <file>} and {@code key=value} overrides. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppRunner.main(new AggregatorApp(), args);
    }
}
