package dev.vigil.bench.aggregator;

import dev.vigil.aggregator.AggregatorApp;
import dev.vigil.aggregator.testing.SyntheticBgpUpdates;
import dev.vigil.avro.BgpUpdate;
import dev.vigil.bench.ThreadCpu;
import dev.vigil.kit.app.AppRunner;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.deadletter.DeadLetters;
import dev.vigil.kit.serde.AvroSerializer;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.TopicReader;
import dev.vigil.kit.topics.Topics;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.schemas.Entities;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code vigil bench aggregate}: BGP updates per second through the aggregator on a real broker, next to the
 * broker's own produce and consume rates for the same records in the same run, and the heap the aggregator holds.
 * The workload is {@link SyntheticBgpUpdates} (a full table per peer, then churn), written once to a fresh topic;
 * the aggregator then starts on it and the clock runs from RUNNING until its committed offsets reach the end.
 */
public final class AggregatorBenchmark {
    /** What to run. */
    public record Options(int peers, int prefixesPerPeer, long updates, int partitions, int streamThreads) {
        public static Options defaults() {
            return new Options(10, 100_000, 2_000_000, 4, 2);
        }
    }

    /** What was measured. */
    public record Result(Options options, long stateBytes, long updates, double produceRate, double consumeRate, double aggregateRate, long peakHeapBytes,
                         long retainedHeapBytes, long maxHeapBytes, double cpuSecondsPerMillion, long lateRecords,
                         Map<String, Long> lateRecordsBySource, Map<String, Double> cpuSecondsPerMillionByGroup) {
        /** The aggregator's rate as a share of the raw consumer's rate over the same records. */
        public double shareOfConsumeRate() {
            return aggregateRate / consumeRate;
        }

        /** On-disk bytes of the prefix-state stores per stored (peer, prefix) state: the workload stores every one. */
        public double stateBytesPerPrefix() {
            return (double) stateBytes / ((long) options.peers() * options.prefixesPerPeer());
        }

        public void print(PrintStream out) {
            out.printf("%d peers x %d prefixes, %d partitions, %d stream threads, exactly-once, %d available processors%n",
                    options.peers(), options.prefixesPerPeer(), options.partitions(), options.streamThreads(),
                    Runtime.getRuntime().availableProcessors());
            out.printf("%-44s %14s%n", "measure", "value");
            out.printf("%-44s %14d%n", "BGP updates", updates);
            out.printf("%-44s %14.0f%n", "broker produce rate (updates/s, raw producer)", produceRate);
            out.printf("%-44s %14.0f%n", "broker consume rate (updates/s, raw consumer)", consumeRate);
            out.printf("%-44s %14.0f%n", "aggregator rate (updates/s, end to end)", aggregateRate);
            out.printf("%-44s %13.1f%%%n", "  as a share of the raw consume rate", 100 * shareOfConsumeRate());
            out.printf("%-44s %14.1f%n", "process CPU s per 1M updates, aggregating", cpuSecondsPerMillion);
            cpuSecondsPerMillionByGroup.forEach((group, s) -> out.printf("%-44s %14.1f%n", "  of it in " + group, s));
            out.printf("%-44s %14d%n", "records written to late.records", lateRecords);
            lateRecordsBySource.forEach((source, n) -> out.printf("%-44s %14d%n", "  of them from " + source, n));
            out.printf("%-44s %14.1f%n", "heap used, peak during the run (MB)", peakHeapBytes / 1e6);
            out.printf("%-44s %14.1f%n", "heap retained after GC, app running (MB)", retainedHeapBytes / 1e6);
            out.printf("%-44s %14.1f%n", "heap limit -Xmx (MB)", maxHeapBytes / 1e6);
            out.printf("%-44s %14.1f%n", "prefix state on disk, bytes per prefix", stateBytesPerPrefix());
            out.printf("%-44s %14.1f%n", "prefix state on disk, MB per peer", stateBytes / 1e6 / options.peers());
        }
    }

    /** Event time covered by the workload: 20 one-minute windows. */
    private static final long SPAN_SECONDS = 1200;

    private AggregatorBenchmark() {
    }

    /** Runs the benchmark against a broker and registry ({@code kafka.bootstrap.servers}, {@code vigil.schema.registry.url}). */
    public static Result run(Map<String, String> settings, Options options) throws Exception {
        String run = "bench-" + System.currentTimeMillis();
        String input = run + "." + Topics.BGP_UPDATES;
        Map<String, String> config = new HashMap<>(settings);
        for (String topic : List.of(Topics.BGP_UPDATES, Topics.FEATURES_BGP, Topics.LATE_RECORDS, Topics.TELEMETRY_EVENTS,
                Topics.TELEMETRY_METRICS, Topics.FEATURES_TELEMETRY)) {
            config.put("vigil.topic." + topic, run + "." + topic);
        }
        config.put("vigil.topics.partitions", Integer.toString(options.partitions()));
        config.put("kafka.application.id", "vigil-aggregator-" + run);
        config.put("kafka.num.stream.threads", Integer.toString(options.streamThreads()));
        java.nio.file.Path stateDir = Files.createTempDirectory("vigil-bench");
        config.put("kafka.state.dir", stateDir.toString());
        config.put("vigil.http.port", "0");
        VigilConfig vigil = VigilConfig.of(AggregatorApp.NAME, config);
        String bootstrap = vigil.bootstrapServers();
        createTopic(bootstrap, input, options.partitions());

        double produceRate = produce(vigil, input, options);
        System.err.printf("produced %d updates at %.0f/s%n", options.updates(), produceRate);
        double consumeRate = consume(bootstrap, input, options.updates());
        System.err.printf("consumed them at %.0f/s%n", consumeRate);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        double aggregateRate;
        double cpuPerMillion;
        Map<String, Double> cpuByGroup = new java.util.LinkedHashMap<>();
        long retained;
        try (AppRunner app = AppRunner.start(new AggregatorApp(), vigil)) {
            if (!app.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("The aggregator did not reach RUNNING in 60 s");
            }
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            ThreadCpu threadCpu = ThreadCpu.start();
            awaitCaughtUp(bootstrap, "vigil-aggregator-" + run, input, Duration.ofMinutes(10));
            aggregateRate = options.updates() / ((System.nanoTime() - start) / 1e9);
            double millions = options.updates() / 1e6;
            cpuPerMillion = (processCpuNanos() - cpuStart) / 1e9 / millions;
            threadCpu.secondsByGroup().forEach((group, seconds) -> cpuByGroup.put(group, seconds / millions));
            System.gc();
            retained = Math.max(0, memory.getHeapMemoryUsage().getUsed() - heapBefore);
        } finally {
            sampler.interrupt();
        }
        Map<String, Long> late = lateRecordsBySource(vigil, run + "." + Topics.LATE_RECORDS);
        return new Result(options, storeBytes(stateDir, "bgp-prefix-state"), options.updates(), produceRate, consumeRate, aggregateRate, peak.get(), retained,
                memory.getHeapMemoryUsage().getMax(), cpuPerMillion, late.values().stream().mapToLong(Long::longValue).sum(), late, cpuByGroup);
    }

    /**
     * CPU time of this whole process (stream threads, their clients and, when embedded, the broker). On a shared
     * machine the rate depends on the other load; the CPU spent per update much less so, which makes runs comparable.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static double produce(VigilConfig config, String topic, Options o) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AvroSerializer<BgpUpdate> avro = new AvroSerializer<>(Typed.BGP_UPDATES, RegistrySettings.from(config));
        // Event time ends now: records far in the past would fall to the topics' time-based retention mid-run.
        Instant start = Instant.now().minusSeconds(SPAN_SECONDS).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        SyntheticBgpUpdates updates = new SyntheticBgpUpdates(o.peers(), o.prefixesPerPeer(), o.updates(), start, SPAN_SECONDS);
        AtomicLong failed = new AtomicLong();
        long began = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            while (updates.hasNext()) {
                BgpUpdate u = updates.next();
                producer.send(new ProducerRecord<>(topic, null, u.getTimestamp().toEpochMilli(), Entities.peer(u),
                        avro.serialize(topic, u)), (meta, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + o.updates() + " sends failed");
        }
        return o.updates() / ((System.nanoTime() - began) / 1e9);
    }

    private static double consume(String bootstrap, String topic, long expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "vigil-bench-raw-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        long read = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return read / ((System.nanoTime() - start) / 1e9);
    }

    /** Bytes of the files of every store with this name under a state directory (RocksDB flushes them on close). */
    private static long storeBytes(java.nio.file.Path stateDir, String store) throws java.io.IOException {
        try (var files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains("/" + store + "/")).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (java.io.IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    /** Committed late records, counted by the topic they came from (a header of every dead letter). */
    private static Map<String, Long> lateRecordsBySource(VigilConfig vigil, String topic) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        TopicReader.readToEnd(vigil.clientProperties(), topic, record -> {
            var header = record.headers().lastHeader(DeadLetters.HEADER_SOURCE_TOPIC);
            String source = header == null ? "unknown" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
            counts.merge(source, 1L, Long::sum);
        });
        return counts;
    }

    /** Polls the app's committed offsets until they reach the input's end offsets. */
    private static void awaitCaughtUp(String bootstrap, String group, String topic, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done = end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
                if (done) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("The aggregator did not catch up within " + timeout);
        }
    }

    /** {@code key=value} settings: at least kafka.bootstrap.servers and vigil.schema.registry.url. */
    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Options d = Options.defaults();
        Options options = new Options(Integer.parseInt(settings.getOrDefault("peers", "" + d.peers())),
                Integer.parseInt(settings.getOrDefault("prefixes", "" + d.prefixesPerPeer())),
                Long.parseLong(settings.getOrDefault("updates", "" + d.updates())),
                Integer.parseInt(settings.getOrDefault("partitions", "" + d.partitions())),
                Integer.parseInt(settings.getOrDefault("threads", "" + d.streamThreads())));
        run(settings, options).print(System.out);
    }
}
