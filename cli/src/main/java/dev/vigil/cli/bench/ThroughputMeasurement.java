package dev.vigil.cli.bench;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.ScoreStatus;
import dev.vigil.cli.bench.ThroughputReport.BrokerRates;
import dev.vigil.cli.bench.ThroughputReport.Latency;
import dev.vigil.cli.demo.TopicRecorder;
import dev.vigil.kit.topics.CommittedReads;
import dev.vigil.kit.topics.Topics;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How {@code vigil bench throughput} takes its figures: the broker's own rates, the heap, and what the apps wrote
 * during the measured phase with its latencies. {@link ThroughputSuite} decides when.
 */
final class ThroughputMeasurement {
    static final long MB = 1024 * 1024;

    /**
     * What the apps wrote to the recorded topics from the start of the measured phase on.
     *
     * @param windowToScore wall-clock arrival of a window's feature vector (the aggregator emits it when the window
     *                      closes, visible once its transaction commits) to the first scored DetectorScore of that window
     * @param windowToAlert the same to the alert that names that window as its last
     */
    record Outputs(long featureVectors, long scores, long unscoredScores, long alerts, Latency windowToScore,
                   Latency windowToAlert) {
    }

    private ThroughputMeasurement() {
    }

    /** Plain producer then plain consumer on a topic of their own: the broker's rates on this machine. */
    static BrokerRates brokerRates(Properties client, long records, int recordBytes) throws Exception {
        String topic = "bench.throughput.broker-" + System.nanoTime();
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        byte[] value = new byte[recordBytes];
        Arrays.fill(value, (byte) 'x');
        Properties p = new Properties();
        p.putAll(client);
        // The same producer settings as the feed, so the comparison is like for like.
        p.put("linger.ms", "20");
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, Long.toString(i % 64), value));
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - started) / 1e9;
        Properties c = CommittedReads.inGroup(client, "bench-throughput-" + System.nanoTime());
        long read = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (read < records && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                read += batch.count();
            }
        }
        double consumeSeconds = (System.nanoTime() - started) / 1e9;
        double megabytes = (double) records * recordBytes / MB;
        return new BrokerRates(records, recordBytes, records / produceSeconds, megabytes / produceSeconds,
                read / consumeSeconds, (double) read * recordBytes / MB / consumeSeconds);
    }

    /** Heap in use right after a GC: what the process holds, without garbage. */
    static long usedAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Counts and latencies of the records that arrived from {@code measuredFrom} (epoch millis) on. */
    static Outputs outputs(TopicRecorder recorder, Topics topics, long measuredFrom) {
        Map<String, Long> featureArrival = new HashMap<>();
        long features = 0;
        for (String topic : List.of(topics.name(Topics.FEATURES_BGP), topics.name(Topics.FEATURES_TELEMETRY))) {
            List<FeatureVector> vectors = recorder.records(topic);
            List<Long> arrivals = recorder.arrivals(topic);
            for (int i = 0; i < Math.min(vectors.size(), arrivals.size()); i++) {
                if (arrivals.get(i) >= measuredFrom) {
                    FeatureVector v = vectors.get(i);
                    featureArrival.putIfAbsent(windowKey(v.getEntity(), v.getWindowEnd()), arrivals.get(i));
                    features++;
                }
            }
        }
        List<Long> toScore = new ArrayList<>();
        Set<String> scoredWindows = new HashSet<>();
        long scores = 0;
        long unscored = 0;
        List<DetectorScore> scoreRecords = recorder.records(topics.name(Topics.SCORES));
        List<Long> scoreArrivals = recorder.arrivals(topics.name(Topics.SCORES));
        for (int i = 0; i < Math.min(scoreRecords.size(), scoreArrivals.size()); i++) {
            if (scoreArrivals.get(i) < measuredFrom) {
                continue;
            }
            DetectorScore s = scoreRecords.get(i);
            scores++;
            if (s.getStatus() == ScoreStatus.UNSCORED) {
                unscored++;
                continue;
            }
            String key = windowKey(s.getEntity(), s.getWindowEnd());
            Long closed = featureArrival.get(key);
            if (closed != null && scoredWindows.add(key)) {
                toScore.add(scoreArrivals.get(i) - closed);
            }
        }
        List<Long> toAlert = new ArrayList<>();
        long alerts = 0;
        List<Alert> alertRecords = recorder.records(topics.name(Topics.ALERTS));
        List<Long> alertArrivals = recorder.arrivals(topics.name(Topics.ALERTS));
        for (int i = 0; i < Math.min(alertRecords.size(), alertArrivals.size()); i++) {
            if (alertArrivals.get(i) < measuredFrom) {
                continue;
            }
            Alert a = alertRecords.get(i);
            alerts++;
            Long closed = featureArrival.get(windowKey(a.getEntity(), a.getLastWindowEnd()));
            if (closed != null) {
                toAlert.add(alertArrivals.get(i) - closed);
            }
        }
        return new Outputs(features, scores, unscored, alerts, Latency.of(toScore), Latency.of(toAlert));
    }

    private static String windowKey(String entity, Instant windowEnd) {
        return entity + "|" + windowEnd.toEpochMilli();
    }

    /** Samples the process's heap in use every 100 ms and keeps the highest value. */
    static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler(MemoryMXBean memory) {
            thread = Thread.ofPlatform().daemon().name("vigil-heap-sampler").start(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        /** Stops sampling; the highest heap in use seen, in bytes. */
        long stop() throws InterruptedException {
            running = false;
            thread.join(1_000);
            return peak.get();
        }
    }
}
