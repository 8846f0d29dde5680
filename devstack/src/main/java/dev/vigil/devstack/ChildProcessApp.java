package dev.vigil.devstack;

import dev.vigil.kit.config.VigilConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * An app's {@code Main} in a JVM of its own, for crash tests: it can be killed with SIGKILL (no shutdown hook, nothing
 * flushed) and started again in-process over the same state. Also reads how far a consumer group has committed.
 */
public final class ChildProcessApp {
    private ChildProcessApp() {
    }

    /** Starts {@code main} with this JVM's class path and the config's settings as {@code key=value} arguments. */
    public static Process start(Class<?> main, VigilConfig config) throws IOException {
        Process process = new ProcessBuilder(command(main, config)).redirectErrorStream(true).start();
        Thread drain = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    // the child's log is not needed; reading keeps its pipe from filling
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        });
        drain.setDaemon(true);
        drain.start();
        return process;
    }

    /** Like {@link #start(Class, VigilConfig)}, with the child's log appended to a file, for a look after a failure. */
    public static Process start(Class<?> main, VigilConfig config, Path log) throws IOException {
        return new ProcessBuilder(command(main, config)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static List<String> command(Class<?> main, VigilConfig config) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--sun-misc-unsafe-memory-access=allow", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.vigil",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        config.asMap().forEach((k, v) -> command.add(k + "=" + v));
        return command;
    }

    /** Offsets the group has committed on the topic, summed over its partitions. */
    public static long committed(VigilConfig config, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(config.clientProperties())) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }
}
