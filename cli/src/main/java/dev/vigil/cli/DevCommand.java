package dev.vigil.cli;

import dev.vigil.devstack.DevStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `vigil dev up | down`: a local broker and registry for development, in the background. */
@Command(name = "dev", description = "Start or stop a local Kafka broker and Apicurio Registry in the background.",
        subcommands = {DevCommand.Up.class, DevCommand.Down.class, DevCommand.Serve.class})
final class DevCommand {

    @Command(name = "up", description = "Start the broker and registry in the background and print where they listen.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--kafka-port", description = "Broker port (default: ${DEFAULT-VALUE}).", defaultValue = "9092")
        int kafkaPort;
        @Option(names = "--registry-port", description = "Registry port (default: ${DEFAULT-VALUE}).", defaultValue = "8081")
        int registryPort;

        @Override
        public Integer call() throws Exception {
            var running = DevEnvironment.read().filter(DevEnvironment::alive);
            if (running.isPresent()) {
                print(running.get());
                return 0;
            }
            Files.deleteIfExists(DevEnvironment.file());
            Path log = DevEnvironment.file().resolveSibling("dev.log");
            Files.createDirectories(log.getParent());
            List<String> child = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m"));
            for (String property : List.of("vigil.apicurio.home", "vigil.root", "org.apache.avro.SERIALIZABLE_PACKAGES")) {
                if (System.getProperty(property) != null) {
                    child.add("-D" + property + "=" + System.getProperty(property));
                }
            }
            child.addAll(List.of("-cp", System.getProperty("java.class.path"), VigilCli.class.getName(), "dev", "serve",
                    "--kafka-port", Integer.toString(kafkaPort), "--registry-port", Integer.toString(registryPort)));
            new ProcessBuilder(child).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.currentTimeMillis() + 180_000;
            while (System.currentTimeMillis() < deadline) {
                var env = DevEnvironment.read();
                if (env.isPresent()) {
                    print(env.get());
                    return 0;
                }
                Thread.sleep(250);
            }
            System.err.println("The dev stack did not start within 180 s; see " + log);
            return 1;
        }

        private static void print(DevEnvironment env) {
            System.out.println("Kafka bootstrap servers: " + env.bootstrapServers());
            System.out.println("Schema registry URL:     " + env.registryUrl());
            System.out.println("Use them with: export KAFKA_BOOTSTRAP_SERVERS=" + env.bootstrapServers()
                    + " VIGIL_SCHEMA_REGISTRY_URL=" + env.registryUrl());
            System.out.println("Stop with: ./vigil dev down");
        }
    }

    @Command(name = "down", description = "Stop the background broker and registry.")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            var env = DevEnvironment.read();
            if (env.isEmpty() || !env.get().alive()) {
                System.out.println("No dev stack is running.");
                Files.deleteIfExists(DevEnvironment.file());
                return 0;
            }
            ProcessHandle process = ProcessHandle.of(env.get().pid()).orElseThrow();
            process.destroy();
            process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            Files.deleteIfExists(DevEnvironment.file());
            System.out.println("Dev stack stopped.");
            return 0;
        }
    }

    @Command(name = "serve", hidden = true, description = "Run the dev stack in the foreground (used by `dev up`).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--kafka-port", defaultValue = "9092")
        int kafkaPort;
        @Option(names = "--registry-port", defaultValue = "8081")
        int registryPort;

        @Override
        public Integer call() throws Exception {
            DevStack stack = DevStack.start(kafkaPort, registryPort);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                stop.countDown();
            }));
            new DevEnvironment(stack.bootstrapServers(), stack.registryUrl(), ProcessHandle.current().pid()).write();
            stop.await();
            return 0;
        }
    }
}
