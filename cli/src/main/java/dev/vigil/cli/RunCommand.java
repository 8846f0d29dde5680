package dev.vigil.cli;

import dev.vigil.kit.app.AppRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `vigil run <app>`: runs one app in the foreground, against the dev stack when one is up. */
@Command(name = "run", description = "Run one app in the foreground: aggregator, detectors, ensemble, drift-monitor, retrainer.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "App to run.")
    String app;
    @Parameters(index = "1..*", description = "Settings as key=value, or --config <file>.")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        DevEnvironment.currentSettings().forEach((k, v) -> args.add(k + "=" + v));
        args.addAll(settings);
        AppRunner.main(Apps.byName(app), args.toArray(String[]::new));
        return 0;
    }
}
