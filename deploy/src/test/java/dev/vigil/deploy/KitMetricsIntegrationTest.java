package dev.vigil.deploy;

import dev.vigil.devstack.Promtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.devstack.EmbeddedKafka;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.app.StreamsApp;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a small Streams app through the kit's AppRunner on a real broker and scrapes its /metrics: every
 * Kafka and JVM metric the dashboard and the alerts query must be there, and the consumer-lag selector
 * must pick the stream thread's consumer. (The vigil_* names are the apps' own; the README lists them.)
 */
class KitMetricsIntegrationTest {
    private static final Pattern LAG = Pattern.compile("^kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"([^\"]+)\"", Pattern.MULTILINE);

    @Test
    void dashboardAndAlertMetricsExistOnARunningKitApp(@TempDir Path state) throws Exception {
        Set<String> wanted = new TreeSet<>();
        for (String name : Monitoring.allMetricNames()) {
            // Kafka, JVM and the kit's own counters, which the alert rules use with increase() and so must exist
            // at zero before their first event.
            if (name.startsWith("kafka_") || name.startsWith("jvm_") || name.equals("vigil_dead_letters_total")
                    || name.equals("vigil_stream_thread_replacements_total")) {
                wanted.add(name);
            }
        }
        assertTrue(wanted.size() >= 5, "the dashboard uses Kafka and JVM metrics: " + wanted);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             AppRunner app = AppRunner.start(new Passthrough(), VigilConfig.of("metrics-check", Map.of(
                     "kafka.bootstrap.servers", kafka.bootstrapServers(), "kafka.state.dir", state.toString(),
                     "kafka.commit.interval.ms", "200", "vigil.http.port", "0",
                     "vigil.schema.registry.url", "mock://metrics-check")))) {
            assertTrue(app.awaitReady(Duration.ofSeconds(60)), "the app did not reach RUNNING");
            produce(kafka.bootstrapServers(), 50);
            String scrape = scrapeUntil(app.httpPort(), wanted, Duration.ofSeconds(60));
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeIf(name -> scrape.contains("\n" + name + "{") || scrape.startsWith(name + "{"));
            assertEquals(Set.of(), missing, "metrics queried but not exposed");
            assertTrue(lagSelectorMatches(scrape), "the lag selector's client_id pattern matches no consumer");
            for (String line : scrape.split("\n")) {
                if (line.startsWith("# TYPE vigil_")) {
                    String family = line.split(" ")[2];
                    assertTrue(scrape.contains("# HELP " + family + " "), "no HELP text for " + family);
                }
            }
            if (Promtool.installed()) {
                // Vigil's own families; Micrometer's Kafka binder names some gauges *_count, which promtool's lint
                // dislikes and which dashboards already query under those names.
                String vigilOnly = String.join("\n", scrape.lines().filter(l -> l.startsWith("vigil_")
                        || l.startsWith("# HELP vigil_") || l.startsWith("# TYPE vigil_")).toList()) + "\n";
                assertTrue(vigilOnly.contains("vigil_dead_letters_total"), vigilOnly);
                Promtool.Result lint = Promtool.run(vigilOnly, "check", "metrics");
                assertEquals(0, lint.exitCode(), "promtool check metrics: " + lint.output());
                assertEquals("", lint.output().trim(), "promtool lint");
            }
        }
    }

    /** The client_id pattern of VigilConsumerLagHigh and of the lag panel. */
    private static boolean lagSelectorMatches(String scrape) {
        String rule = Monitoring.ruleExpressions().stream().filter(e -> e.contains("records_lag_max")).findFirst().orElseThrow();
        Matcher pattern = Pattern.compile("client_id=~\"([^\"]+)\"").matcher(rule);
        assertTrue(pattern.find(), rule);
        Pattern clientId = Pattern.compile(pattern.group(1).replace("\\\\", "\\"));
        Matcher lag = LAG.matcher(scrape);
        boolean matched = false;
        while (lag.find()) {
            matched |= clientId.matcher(lag.group(1)).matches();
        }
        return matched;
    }

    private static String scrapeUntil(int port, Set<String> names, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        String body;
        do {
            body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String scraped = body;
            if (names.stream().allMatch(n -> scraped.contains("\n" + n + "{"))) {
                return body;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return body;
    }

    private static void produce(String bootstrap, int count) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(Topics.LATE_RECORDS, "key-" + i % 5, "value-" + i));
            }
        }
    }

    /** Copies one topic to another; enough to start stream threads, consumers and producers. */
    private static final class Passthrough implements StreamsApp {
        @Override
        public String name() {
            return "metrics-check";
        }

        @Override
        public Topology topology(AppContext ctx) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(ctx.topic(Topics.LATE_RECORDS), Consumed.with(Serdes.String(), Serdes.String()))
                    .to(ctx.topic(Topics.ALERTS), Produced.with(Serdes.String(), Serdes.String()));
            return builder.build();
        }
    }
}
