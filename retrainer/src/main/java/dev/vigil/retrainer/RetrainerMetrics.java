package dev.vigil.retrainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The retrainer's meters (on /metrics as {@code vigil_retrainer_*}). */
public final class RetrainerMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger training = new AtomicInteger();

    public RetrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("vigil.retrainer.training.active", training);
        for (Outcome.Status status : Outcome.Status.values()) {
            outcomes(status); // at zero, so a rule's increase() sees the first of each
        }
    }

    private io.micrometer.core.instrument.Counter outcomes(Outcome.Status status) {
        return registry.counter("vigil.retrainer.outcomes", "status", status.name().toLowerCase(java.util.Locale.ROOT));
    }

    public void requestReceived() {
        registry.counter("vigil.retrainer.requests").increment();
    }

    public void outcome(Outcome outcome) {
        outcomes(outcome.status()).increment();
    }

    public void trainingStarted() {
        training.incrementAndGet();
    }

    public void trainingEnded() {
        training.decrementAndGet();
    }

    public void trained(String algorithm, Duration took) {
        Timer.builder("vigil.retrainer.training.time").tag("algorithm", algorithm).register(registry).record(took);
    }

    /** Time from a request to the announcement of its version. */
    public void announced(Duration sinceRequest) {
        Timer.builder("vigil.retrainer.request.to.announcement").register(registry).record(sinceRequest);
    }

    public void labelRequests(int count) {
        registry.counter("vigil.retrainer.label.requests").increment(count);
    }

    public void promoted(String how) {
        registry.counter("vigil.retrainer.promotions", "kind", how).increment();
    }

    public void automaticRequest(String requester) {
        registry.counter("vigil.retrainer.automatic.requests", "requester", requester).increment();
    }
}
