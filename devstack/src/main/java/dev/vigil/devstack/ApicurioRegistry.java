package dev.vigil.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry 3 in a child process, bound to 127.0.0.1, with global compatibility set to BACKWARD.
 * Vigil speaks to it through its Confluent-compatible API. Its storage is in memory, or an H2 file in a given
 * directory, which keeps schemas and their ids across a {@link #restart()} as a production registry's database would.
 */
public final class ApicurioRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private Process process;
    private final int port;
    private final int managementPort;
    private final Path dataDir;
    private final Path logFile;

    private ApicurioRegistry(int port, int managementPort, Path dataDir, Path logFile) {
        this.port = port;
        this.managementPort = managementPort;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    /** The unpacked distribution: {@code vigil.apicurio.home}, {@code VIGIL_APICURIO_HOME}, or devstack/target/apicurio. */
    public static Path home() {
        String configured = System.getProperty("vigil.apicurio.home", System.getenv("VIGIL_APICURIO_HOME"));
        Path home = configured != null ? Path.of(configured) : Path.of("devstack", "target", "apicurio");
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("Apicurio Registry not found in " + home.toAbsolutePath()
                    + ": build the devstack module (./mvnw -pl devstack package) or set VIGIL_APICURIO_HOME");
        }
        return home;
    }

    /** Starts the registry on free ports and waits until its API answers (at most 120 s). */
    public static ApicurioRegistry start() {
        return start(0);
    }

    public static ApicurioRegistry start(int requestedPort) {
        return start(requestedPort, null);
    }

    /** Starts the registry with its storage in an H2 file under {@code dataDir} (null: in memory). */
    public static ApicurioRegistry start(int requestedPort, Path dataDir) {
        int port = requestedPort == 0 ? FreePorts.next() : requestedPort;
        try {
            ApicurioRegistry registry = new ApicurioRegistry(port, FreePorts.next(), dataDir,
                    Files.createTempFile("vigil-apicurio-", ".log"));
            registry.launch();
            registry.setGlobalCompatibility("BACKWARD");
            LOG.info("Apicurio Registry ready at {} (log {})", registry.url(), registry.logFile);
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Apicurio Registry: " + e.getMessage(), e);
        }
    }

    private void launch() throws IOException {
        Path home = home();
        process = new ProcessBuilder(command(home, port, managementPort, dataDir)).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        awaitReady(Duration.ofSeconds(120));
    }

    /**
     * Stops the registry (SIGTERM) and starts it again on the same ports. Only a registry with a data directory keeps
     * its schemas and ids: one in memory comes back empty.
     */
    public synchronized void restart() {
        stop();
        startAgain();
    }

    /** Stops the registry (SIGTERM), for an outage; {@link #startAgain()} ends it. */
    public synchronized void stop() {
        close();
    }

    /** Starts a stopped registry again on the same ports. */
    public synchronized void startAgain() {
        try {
            launch();
            setGlobalCompatibility("BACKWARD");
            LOG.info("Apicurio Registry at {} started again", url());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Apicurio Registry again: " + e.getMessage(), e);
        }
    }

    private static List<String> command(Path home, int port, int managementPort, Path dataDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.management.host=127.0.0.1");
        cmd.add("-Dquarkus.management.port=" + managementPort);
        cmd.add("-Dquarkus.log.level=WARN");
        if (dataDir != null) {
            cmd.add("-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry"));
        }
        cmd.add("-jar");
        cmd.add(home.resolve("quarkus-run.jar").toString());
        return cmd;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/subjects")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("Apicurio Registry did not answer within " + timeout + "; see " + logFile);
    }

    /** Sets the registry-wide compatibility level (Apicurio starts at NONE). */
    public void setGlobalCompatibility(String level) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/config"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("Registry refused compatibility " + level + ": HTTP " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot set registry compatibility: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Confluent-compatible API base URL, for {@code vigil.schema.registry.url}. */
    public String url() {
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public synchronized void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
