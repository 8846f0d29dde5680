package dev.vigil.kit.deadletter;

import dev.vigil.avro.DeadLetter;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters from outside a stream task on a thread of its own, so the caller (the global-store
 * thread, a service loop) never blocks on the broker or the registry. A letter that cannot be encoded or
 * sent (registry or broker away) stays queued and is retried with backoff; it is counted in
 * {@code vigil_dead_letters_total} only once written. Each record is written once per app, across restarts
 * too: the dead-letter topic itself is the ledger. Nothing is started until the first letter arrives.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetterSink.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String app;
    private final Properties clientProperties;
    private final RegistrySettings registry;
    private final Topics topics;
    private final MeterRegistry metrics;
    private final LinkedBlockingDeque<DeadLetter> queue = new LinkedBlockingDeque<>();
    private final Map<String, Set<String>> ledgers = new HashMap<>();
    private KafkaProducer<byte[], byte[]> producer;
    private Thread sender;
    private volatile boolean closed;

    public KafkaDeadLetterSink(String app, Properties clientProperties, RegistrySettings registry, Topics topics,
                               MeterRegistry metrics) {
        this.app = app;
        this.clientProperties = clientProperties;
        this.registry = registry;
        this.topics = topics;
        this.metrics = metrics;
    }

    @Override
    public synchronized void send(DeadLetter letter) {
        queue.addLast(letter);
        if (sender == null && !closed) {
            sender = Thread.ofPlatform().daemon().name("vigil-dead-letters").start(this::run);
        }
    }

    @Override
    public int pending() {
        return queue.size();
    }

    private void run() {
        long backoffMs = 500;
        while (!closed) {
            DeadLetter letter;
            try {
                letter = queue.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            try {
                deliver(letter);
                backoffMs = 500;
            } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
                queue.addFirst(letter);
                LOG.warn("Cannot write the dead letter of {}-{}@{} yet ({}); retrying in {} ms", letter.getSourceTopic(),
                        letter.getPartition(), letter.getOffset(), DeadLetters.describe(e), backoffMs);
                if (!sleep(backoffMs)) {
                    return;
                }
                backoffMs = Math.min(MAX_BACKOFF.toMillis(), backoffMs * 2);
            } catch (InterruptedException e) {
                queue.addFirst(letter);
                return;
            }
        }
    }

    private void deliver(DeadLetter letter) throws java.util.concurrent.ExecutionException, InterruptedException {
        String dlqTopic = topics.deadLetterTopic(letter.getSourceTopic(), app);
        Set<String> ledger = ledgers.computeIfAbsent(dlqTopic, t -> DeadLetterLedger.read(clientProperties, t, app));
        String coordinates = DeadLetterLedger.coordinates(letter);
        if (ledger.contains(coordinates)) {
            LOG.info("{}-{}@{} was dead-lettered before; not again", letter.getSourceTopic(), letter.getPartition(), letter.getOffset());
            return;
        }
        var record = DeadLetters.producerRecord(letter, dlqTopic, registry);
        producer().send(record).get();
        ledger.add(coordinates);
        metrics.counter("vigil.dead.letters", "topic", letter.getSourceTopic(), "kind", DeadLetters.kindOf(letter)).increment();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.putAll(clientProperties);
            p.put("enable.idempotence", "true");
            p.put("acks", "all");
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = sender;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!queue.isEmpty()) {
            LOG.warn("{} dead letters were not written before shutdown; their records are dead-lettered again at the next start",
                    queue.size());
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
