package dev.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpOptionsTest {
    /** A command line as the docs write it: {@code ./vigil dev up} in a code block, {@code `vigil models list`} in text. */
    private static final Pattern MENTION = Pattern.compile("(?:\\./vigil|`vigil) ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)*)");
    /** Words the vigil script answers itself, before the CLI runs. */
    private static final Set<String> SCRIPT_ONLY = Set.of("test", "build");

    /** Every command path below {@code vigil}, e.g. [models, promote]; hidden ones too, they take --help as well. */
    private static void paths(CommandLine command, List<String> prefix, List<List<String>> out) {
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
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

    @Test
    void everyCommandThatTheReadmesTheScriptOrAHelpTextNamesExists() throws IOException {
        List<String> mentions = new ArrayList<>();
        for (String text : docs()) {
            Matcher m = MENTION.matcher(text);
            while (m.find()) {
                mentions.add(m.group(1));
            }
        }
        assertTrue(mentions.size() > 30, "command lines found: " + mentions);
        List<String> missing = mentions.stream().filter(mention -> !exists(mention)).distinct().toList();
        assertEquals(List.of(), missing, "named in a README, the vigil script or a help text, but no such command");
    }

    /** Whether the words name a command: each word a subcommand of the one before, until a command without any. */
    private static boolean exists(String mention) {
        List<String> words = List.of(mention.split(" "));
        if (SCRIPT_ONLY.contains(words.getFirst())) {
            return true;
        }
        CommandLine command = VigilCli.commandLine();
        for (String word : words) {
            if (command.getSubcommands().isEmpty()) {
                return true; // the remaining words are its arguments, e.g. the app of vigil run aggregator
            }
            command = command.getSubcommands().get(word);
            if (command == null) {
                return false;
            }
        }
        return true;
    }

    /** Every README of the project, the vigil script, and the help text of every command. */
    private static List<String> docs() throws IOException {
        Path root = Path.of("..");
        List<String> texts = new ArrayList<>();
        try (Stream<Path> readmes = Files.find(root, 2, (p, a) -> p.getFileName().toString().equals("README.md"))) {
            for (Path readme : readmes.toList()) {
                texts.add(Files.readString(readme));
            }
        }
        texts.add(Files.readString(root.resolve("vigil")));
        List<List<String>> all = new ArrayList<>();
        paths(VigilCli.commandLine(), List.of(), all);
        for (List<String> path : all) {
            CommandLine command = VigilCli.commandLine();
            for (String name : path) {
                command = command.getSubcommands().get(name);
            }
            texts.add(command.getUsageMessage());
        }
        return texts;
    }
}
