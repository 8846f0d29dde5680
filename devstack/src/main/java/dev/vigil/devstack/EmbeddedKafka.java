package dev.vigil.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in this JVM: KRaft combined mode (broker and controller), bound to
 * 127.0.0.1 on free ports, with its data in a temporary directory that is removed on close.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path dataDir;
    private final int brokerPort;
    private final KafkaConfig config;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, int brokerPort, KafkaConfig config, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.config = config;
        this.server = server;
    }

    /** Starts a broker on free ports; blocks until it accepts connections. */
    public static EmbeddedKafka start() {
        return start(0);
    }

    /** Starts a broker on the given port (0 picks a free one). */
    public static EmbeddedKafka start(int port) {
        int brokerPort = port == 0 ? FreePorts.next() : port;
        int controllerPort = FreePorts.next();
        Path dataDir = tempDir();
        Properties props = brokerProperties(dataDir, brokerPort, controllerPort);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        format(dataDir, config);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        LOG.info("Kafka broker listening on 127.0.0.1:{} (data in {})", brokerPort, dataDir);
        return new EmbeddedKafka(dataDir, brokerPort, config, server);
    }

    /**
     * Stops the broker as an operator would (controlled shutdown) and starts it again on the same ports over the same
     * log directory: what clients see during a rolling restart of a single-node cluster.
     */
    public synchronized void restart() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker on port {} stopped for a restart", brokerPort);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        LOG.info("Kafka broker on port {} started again", brokerPort);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("vigil-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties brokerProperties(Path dataDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        // One node: every internal topic has one replica, and small partition counts start faster.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return p;
    }

    private static void format(Path dataDir, KafkaConfig config) {
        try {
            new Formatter()
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the broker's storage in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    @Override
    public synchronized void close() {
        server.shutdown();
        server.awaitShutdown();
        Directories.deleteRecursively(dataDir);
        LOG.info("Kafka broker on port {} stopped", brokerPort);
    }
}
