package dev.vigil.drift.streams;

import dev.vigil.avro.ModelVersion;
import dev.vigil.drift.DriftGauges;
import dev.vigil.drift.DriftSettings;
import dev.vigil.drift.check.CheckInput;
import dev.vigil.drift.check.CheckOutcome;
import dev.vigil.drift.check.DriftChecker;
import dev.vigil.drift.state.DomainState;
import dev.vigil.drift.state.ModelState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every window of a domain's models that has closed: its end plus the grace is at or before the
 * domain's watermark (the latest window end seen in the domain's data). Each model remembers the next window
 * to check, so every window is checked exactly once, in order, whichever processor advanced the watermark.
 * Windows without any data of the domain are skipped: there is nothing to judge.
 */
final class CheckRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    /** What processors share to create runners: settings, the plain checker, gauges and a clock. */
    record Factory(DriftSettings settings, DriftChecker checker, DriftGauges gauges, Clock clock,
                   MeterRegistry metrics, String appName) {
        CheckRunner create(ProcessorContext<String, SpecificRecord> context, StateAccess state) {
            return new CheckRunner(this, context, state);
        }
    }

    private final Factory shared;
    private final ProcessorContext<String, SpecificRecord> context;
    private final StateAccess state;
    private final CheckInputs inputs;
    private final Timer checkTimer;
    private final Counter reportCount;
    private final Counter requestCount;
    /** Per domain, the last window start found due; nothing new is due until it moves. Memory only. */
    private final Map<String, Long> lastDue = new HashMap<>();

    private CheckRunner(Factory shared, ProcessorContext<String, SpecificRecord> context, StateAccess state) {
        this.shared = shared;
        this.context = context;
        this.state = state;
        this.inputs = new CheckInputs(state);
        String prefix = "vigil." + shared.appName() + ".";
        this.checkTimer = shared.metrics().timer(prefix + "check.time");
        this.reportCount = shared.metrics().counter(prefix + "reports");
        this.requestCount = shared.metrics().counter(prefix + "retrain.requests");
    }

    void runDue(String domain) {
        DomainState d = state.domain(domain);
        if (!d.hasData()) {
            return;
        }
        DriftSettings settings = shared.settings();
        long size = settings.window().toMillis();
        long lastDueStart = settings.windowStartOf(d.watermark() - settings.grace().toMillis()) - size;
        if (Long.valueOf(lastDueStart).equals(lastDue.get(domain))) {
            return;
        }
        // Never reach back beyond what the stores still hold, e.g. after a long gap in the data.
        long oldestKept = settings.windowStartOf(d.watermark() - settings.retention().toMillis()) + size;
        for (String model : d.models()) {
            ModelState ms = state.model(model).orElse(ModelState.initial(model, domain));
            long next = ms.nextWindowStart() != null ? ms.nextWindowStart() : d.firstWindowStart();
            next = Math.max(next, oldestKept);
            if (next > lastDueStart) {
                continue;
            }
            for (long start = next; start <= lastDueStart; start += size) {
                ms = checkWindow(ms, start, start + size);
            }
            state.putModel(ms.withNextWindowStart(lastDueStart + size));
        }
        lastDue.put(domain, lastDueStart);
    }

    private ModelState checkWindow(ModelState before, long start, long end) {
        Integer version = state.servingVersion(before.model()).map(ModelVersion::getVersion).orElse(null);
        ModelState ms = DriftChecker.track(before, version, start, end - start);
        CheckInput input = inputs.gather(ms, start, end);
        if (!input.hasData()) {
            return before;
        }
        Instant now = shared.clock().instant();
        CheckOutcome outcome = checkTimer.record(() -> shared.checker().check(input, ms, now));
        long timestamp = now.toEpochMilli();
        context.forward(new Record<>(ms.model(), outcome.report(), timestamp));
        shared.gauges().record(outcome.report());
        reportCount.increment();
        outcome.request().ifPresent(request -> {
            LOG.info("Drift confirmed for {}: retrain request {} ({})", ms.model(), request.getRequestId(),
                    String.join("; ", request.getReasons()));
            context.forward(new Record<>(ms.model(), request, timestamp));
            requestCount.increment();
        });
        return outcome.state();
    }
}
