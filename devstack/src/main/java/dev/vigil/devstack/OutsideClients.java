package dev.vigil.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Clients no one here wrote, run as processes, to check that what Vigil writes is readable by others:
 * kcat (Debian package) fetches raw record bytes, Apache avro-tools decodes an Avro body with a schema.
 */
public final class OutsideClients {
    private OutsideClients() {
    }

    public static String kcat() {
        for (String candidate : List.of("/usr/bin/kcat", "/usr/local/bin/kcat", "/usr/bin/kafkacat")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("kcat is not installed: apt-get install kcat (.ci/run installs it)");
    }

    /** The avro-tools jar: {@code vigil.avro.tools.jar}, or target/tools/avro-tools.jar of the calling module. */
    public static Path avroToolsJar() {
        Path jar = Path.of(System.getProperty("vigil.avro.tools.jar", "target/tools/avro-tools.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("avro-tools.jar missing at " + jar.toAbsolutePath()
                    + ": copy org.apache.avro:avro-tools with maven-dependency-plugin (see devstack/pom.xml)");
        }
        return jar;
    }

    /** The raw value bytes of the first {@code count} records of a topic, as kcat prints them (one per call). */
    public static byte[] kcatFirstValue(String bootstrapServers, String topic, int offset) {
        Process kcat = start(List.of(kcat(), "-b", bootstrapServers, "-C", "-t", topic, "-o", Integer.toString(offset),
                "-c", "1", "-e", "-q", "-f", "%s"));
        return finish(kcat, "kcat");
    }

    /** avro-tools {@code fragtojson}: the JSON of one Avro binary body written with the schema. */
    public static String avroToolsFragToJson(String schemaJson, byte[] body) {
        try {
            Path in = Files.createTempFile("vigil-fragment-", ".bin");
            Files.write(in, body);
            // Schema inline and body on stdin: avro-tools' file paths go through Hadoop, which fails on JDK 24+.
            Process tool = new ProcessBuilder(java(), "-jar", avroToolsJar().toString(), "fragtojson", "--no-pretty",
                    schemaJson, "-").redirectInput(in.toFile()).start();
            String out = new String(finish(tool, "avro-tools"));
            Files.deleteIfExists(in);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.getFirst(), e);
        }
    }

    private static byte[] finish(Process process, String name) {
        try {
            var stderr = java.util.concurrent.CompletableFuture.supplyAsync(() -> readQuietly(process.getErrorStream()));
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + ": " + new String(stderr.join()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readQuietly(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
