package dev.vigil.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** The local stack started by `vigil dev up`: where it listens and which process runs it (.vigil/dev.properties). */
record DevEnvironment(String bootstrapServers, String registryUrl, long pid) {
    static Path file() {
        return Path.of(System.getProperty("vigil.root", "."), ".vigil", "dev.properties");
    }

    static Optional<DevEnvironment> read() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader in = Files.newBufferedReader(file)) {
            Properties p = new Properties();
            p.load(in);
            return Optional.of(new DevEnvironment(p.getProperty("bootstrap.servers"), p.getProperty("registry.url"),
                    Long.parseLong(p.getProperty("pid"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write() {
        try {
            Files.createDirectories(file().getParent());
            Properties p = new Properties();
            p.setProperty("bootstrap.servers", bootstrapServers);
            p.setProperty("registry.url", registryUrl);
            p.setProperty("pid", Long.toString(pid));
            try (Writer out = Files.newBufferedWriter(file())) {
                p.store(out, "vigil dev up");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings that point an app or client at this stack. */
    Map<String, String> settings() {
        Map<String, String> s = new TreeMap<>();
        s.put("kafka.bootstrap.servers", bootstrapServers);
        s.put("vigil.schema.registry.url", registryUrl);
        return s;
    }

    /** Settings for CLI commands: the running dev stack when there is one, else what the environment says. */
    static Map<String, String> currentSettings() {
        boolean configured = System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null;
        return configured ? Map.of() : read().filter(DevEnvironment::alive).map(DevEnvironment::settings).orElse(Map.of());
    }

    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
