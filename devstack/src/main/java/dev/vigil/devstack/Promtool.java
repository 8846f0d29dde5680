package dev.vigil.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus' own checker (Debian package {@code prometheus}; {@code .ci/run} installs it). */
public final class Promtool {
    private Promtool() {
    }

    public static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "promtool"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs promtool with the arguments and the input on stdin; returns its exit code and everything it printed. */
    public static Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    public record Result(int exitCode, String output) {
    }
}
