package dev.vigil.retrainer;

import dev.vigil.kit.config.VigilConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The retrainer's Main in its own JVM, so a test can kill it the way a crash would (SIGKILL, no shutdown hooks). */
final class ChildRetrainer {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildRetrainer(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("output closed: " + e);
            }
        }, "child-retrainer-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildRetrainer start(VigilConfig config) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        config.asMap().forEach((k, v) -> command.add(k + "=" + v));
        return new ChildRetrainer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    boolean awaitLine(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (lines.stream().anyMatch(l -> l.contains(fragment))) {
                return true;
            }
            Thread.sleep(50);
        }
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    String output() {
        return String.join("\n", lines);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
