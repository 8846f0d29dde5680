package dev.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The vigil command line. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Anomaly detection for BGP and service telemetry on Kafka Streams.",
        subcommands = {DemoCommand.class, DevCommand.class, RunCommand.class, ModelsCommand.class, StatusCommand.class,
                LabelCommand.class, BenchCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class})
public final class VigilCli implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new VigilCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
