package dev.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The vigil command line. */
// Help and version options are inherited, so `vigil models promote --help` prints help rather than a usage error.
@Command(name = "vigil", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "vigil 0.1.0",
        description = "Anomaly detection for BGP and service telemetry on Kafka Streams.",
        subcommands = {DemoCommand.class, DevCommand.class, RunCommand.class, ModelsCommand.class, StatusCommand.class,
                LabelCommand.class, BenchCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class})
public final class VigilCli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Vigil's error handling: a failure an operator can act on (the registry or the
     * broker away, a bad argument) prints one line naming it, not a stack trace; {@code VIGIL_DEBUG=1} shows the trace.
     */
    static CommandLine commandLine() {
        return new CommandLine(new VigilCli()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + CliErrors.explain(e));
                    if (System.getenv("VIGIL_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                });
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
