package dev.vigil.retrainer.kafka;

import dev.vigil.avro.RetrainRequest;
import dev.vigil.kit.app.AppContext;
import dev.vigil.kit.deadletter.DeadLetters;
import dev.vigil.kit.deadletter.Decoded;
import dev.vigil.kit.deadletter.RecordGuard;
import dev.vigil.kit.topics.CommittedReads;
import dev.vigil.kit.topics.Topics.Typed;
import dev.vigil.retrainer.MergedRequest;
import dev.vigil.retrainer.Outcome;
import dev.vigil.retrainer.RegistryUnavailableException;
import dev.vigil.retrainer.RequestMerger;
import dev.vigil.retrainer.RetrainService;
import dev.vigil.retrainer.RetrainerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrainer's consumer loop. A polled batch of requests is merged per model and handled; its offsets
 * are committed only after every resulting version is announced, so a crash re-delivers the requests and
 * the request ids recorded in the versions keep the retry from creating a second version. Between batches
 * it runs the periodic checks (bootstrap, schedule, shadow promotion).
 */
public final class RequestLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLoop.class);

    private final AppContext ctx;
    private final RetrainService service;
    private final Runnable periodicChecks;
    private final Duration checkInterval;
    private final RetrainerMetrics metrics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final RecordGuard<RetrainRequest> guard;
    private final Duration maxPollInterval;
    private final String topic;
    private volatile boolean running = true;
    private volatile boolean assigned;
    /** A batch failed on an outage and waits to be retried: no request can be handled meanwhile. */
    private volatile boolean retrying;
    /** When the loop last came back to poll, in System.nanoTime(): a loop that stops coming back is wedged. */
    private volatile long lastPollNanos = System.nanoTime();
    /**
     * Requests that met a model's cooldown, by model: handled again at each periodic check until the cooldown
     * has passed, so a drift confirmed just after a retrain is not forgotten. Kept in memory: a restart
     * forgets them, and the drift monitor asks again in its next drift episode.
     */
    private final Map<String, MergedRequest> deferred = new java.util.LinkedHashMap<>();

    public RequestLoop(AppContext ctx, RetrainService service, Runnable periodicChecks, Duration checkInterval,
                       RetrainerMetrics metrics) {
        this.ctx = ctx;
        this.service = service;
        this.periodicChecks = periodicChecks;
        this.checkInterval = checkInterval;
        this.metrics = metrics;
        this.topic = ctx.topic(Typed.RETRAIN_REQUESTS);
        this.guard = ctx.guard(Typed.RETRAIN_REQUESTS);
        Properties p = CommittedReads.inGroup(KafkaClients.base(ctx.config()),
                ctx.config().get("vigil.retrainer.group.id", "vigil-retrainer"));
        p.put("max.poll.records", "100");
        // Training runs inside the poll loop; a long run must not cost the group membership.
        this.maxPollInterval = ctx.config().getDuration("vigil.retrainer.max.poll.interval", Duration.ofHours(1));
        p.put("max.poll.interval.ms", Long.toString(maxPollInterval.toMillis()));
        // A crashed instance's requests move to a restarted one after this long (the broker's default is 45 s).
        p.put("session.timeout.ms", Long.toString(ctx.config().getDuration("vigil.retrainer.session.timeout",
                Duration.ofSeconds(10)).toMillis()));
        p.put("heartbeat.interval.ms", "2000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Ready while it holds partitions and can make progress (no batch waiting on an outage). */
    public boolean ready() {
        return assigned && running && !retrying;
    }

    /**
     * Alive unless the loop has not come back to poll for longer than the consumer's max.poll.interval (a
     * training run may take that long; beyond it the group has dropped the member and the loop is wedged).
     */
    public boolean live() {
        return !running || System.nanoTime() - lastPollNanos < maxPollInterval.toNanos();
    }

    @Override
    public void run() {
        Instant nextCheck = Instant.now();
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                lastPollNanos = System.nanoTime();
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                assigned = !consumer.assignment().isEmpty();
                if (!records.isEmpty()) {
                    handleBatch(records);
                }
                if (running && !Instant.now().isBefore(nextCheck)) {
                    runChecks();
                    nextCheck = Instant.now().plus(checkInterval);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    private void handleBatch(ConsumerRecords<String, byte[]> records) {
        List<RetrainRequest> requests = requests(records);
        try {
            for (MergedRequest request : RequestMerger.merge(requests)) {
                handle(request);
            }
            consumer.commitSync(nextOffsets(records));
            retrying = false;
        } catch (WakeupException e) {
            // Shutting down (close() wakes the consumer): not a failure. The batch's requests are handled again after a
            // restart, and models already announced for them are recognised by their request ids.
            throw e;
        } catch (RuntimeException e) {
            retrying = true;
            // Nothing committed: rewind so the same requests are handled again after a pause; models already
            // announced for them are recognised by their request ids and not trained twice.
            LOG.error("Handling {} retrain requests failed; retrying them", requests.size(), e);
            firstOffsets(records).forEach(consumer::seek);
            pause(Duration.ofSeconds(5));
        }
    }

    /**
     * The batch's usable requests. A tombstone means nothing on this topic (its cleanup is delete) and is
     * skipped; a record that does not decode, or names no model, is dead-lettered once (the kit's guard and
     * sink keep a retried batch from writing it again) and skipped, so a poison record never blocks the batch.
     */
    private List<RetrainRequest> requests(ConsumerRecords<String, byte[]> records) {
        List<RetrainRequest> requests = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            metrics.requestReceived();
            Decoded<RetrainRequest> decoded = guard.decode(r.topic(), r.partition(), r.offset(), r.key(), r.value());
            if (decoded.tombstone()) {
                LOG.info("Ignoring a tombstone on {} at {}-{}: requests are not deleted", r.topic(), r.partition(), r.offset());
            } else if (decoded.ok()) {
                String problem = problem(decoded.value());
                if (problem == null) {
                    requests.add(decoded.value());
                } else {
                    guard.reject(r.topic(), r.partition(), r.offset(), r.key(), r.value(), DeadLetters.VALIDATION, problem);
                }
            }
        }
        return requests;
    }

    /** Domain checks of a request; null when it can be handled. */
    static String problem(RetrainRequest r) {
        if (r.getModel() == null || r.getModel().isBlank()) {
            return "model is empty";
        }
        if (r.getRequestId() == null || r.getRequestId().isBlank()) {
            return "requestId is empty";
        }
        return null;
    }

    /**
     * Handles one request. Store outages propagate so the batch is retried; any other failure is the
     * request's own (a bad request would fail again and block every later one), so it is logged, counted and
     * committed.
     */
    private void handle(MergedRequest request) {
        try {
            List<Outcome> outcomes = service.handle(request, Instant.now());
            if (outcomes.stream().anyMatch(o -> o.status() == Outcome.Status.COOLDOWN)) {
                deferred.put(request.model(), request);
            } else {
                deferred.remove(request.model());
            }
        } catch (RegistryUnavailableException | RetriableException | org.apache.kafka.common.errors.InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Retrain request {} for {} failed and is dropped", request.recordedId(), request.model(), e);
            metrics.outcome(Outcome.without(request.model(), Outcome.Status.FAILED, e.toString()));
        }
    }

    private void runChecks() {
        for (MergedRequest request : List.copyOf(deferred.values())) {
            try {
                handle(request);
            } catch (RuntimeException e) {
                LOG.warn("Deferred retrain request {} failed; trying again at the next check", request.recordedId(), e);
            }
        }
        try {
            periodicChecks.run();
        } catch (RuntimeException e) {
            LOG.warn("Periodic retrainer checks failed; next attempt in {}", checkInterval, e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(list.getLast().offset() + 1));
        }
        return offsets;
    }

    private static Map<TopicPartition, Long> firstOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            offsets.put(tp, records.records(tp).getFirst().offset());
        }
        return offsets;
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }
}
