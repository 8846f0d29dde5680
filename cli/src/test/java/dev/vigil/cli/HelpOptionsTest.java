package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpOptionsTest {
    /** Every command path below {@code vigil}, e.g. [models, promote]. */
    private static void paths(CommandLine command, List<String> prefix, List<List<String>> out) {
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().usageMessage().hidden() || name.equals("help")) {
                return;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            out.add(path);
            paths(sub, path, out);
        });
    }

    @Test
    void everyCommandPrintsItsHelpForHelpAndH() {
        List<List<String>> all = new ArrayList<>();
        paths(VigilCli.commandLine(), List.of(), all);
        assertTrue(all.size() > 20, "commands found: " + all);
        for (List<String> path : all) {
            for (String option : List.of("--help", "-h")) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CommandLine cli = VigilCli.commandLine();
                cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
                List<String> args = new ArrayList<>(path);
                args.add(option);
                int code = cli.execute(args.toArray(String[]::new));
                assertEquals(0, code, path + " " + option + ": " + err);
                assertTrue(out.toString().startsWith("Usage: vigil " + String.join(" ", path)), path + " " + option + ": " + out);
            }
        }
    }
}
