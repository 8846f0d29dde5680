package dev.vigil.detectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's meters (on /metrics as {@code vigil_detectors_*}) and its one-line log events. Meters are
 * cached per tag combination so the scoring path does no registry look-up.
 */
public final class DetectorMetrics implements ScoringListener, ReloadListener {
    private static final Logger LOG = LoggerFactory.getLogger(DetectorMetrics.class);
    public static final String SCORES = "vigil.detectors.scores";
    public static final String UNSCORED = "vigil.detectors.unscored";
    public static final String SWAPS = "vigil.detectors.model.swaps";
    public static final String REFUSALS = "vigil.detectors.model.refusals";
    public static final String SERVING_VERSION = "vigil.detectors.model.version";
    public static final String LATENCY = "vigil.detectors.scoring.latency";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Set<String> versionGauges = ConcurrentHashMap.newKeySet();

    /**
     * Registers at zero what exists before any model: the unscored counter of every domain. A model's own meters are
     * registered at zero when it is first announced ({@link #announced}), before it scores, swaps or is refused, so a
     * rule's {@code increase()} sees their first event too.
     */
    public DetectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String domain : dev.vigil.schemas.Entities.DOMAINS) {
            unscoredCounter(domain, VectorScorer.NO_DETECTOR, VectorScorer.REASON_NO_MODEL);
        }
    }

    @Override
    public void scored(ServingModel model, boolean shadow, boolean anomalous, long nanos) {
        scoresCounter(model.domain(), model.detector(), shadow).increment();
        latencyTimer(model.domain(), model.detector(), shadow).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Counter scoresCounter(String domain, String detector, boolean shadow) {
        return counters.computeIfAbsent("s/" + domain + "/" + detector + "/" + shadow, k -> Counter.builder(SCORES)
                .tag("detector", detector).tag("domain", domain).tag("shadow", Boolean.toString(shadow)).register(registry));
    }

    private Timer latencyTimer(String domain, String detector, boolean shadow) {
        return timers.computeIfAbsent(domain + "/" + detector + "/" + shadow, k -> Timer.builder(LATENCY).tag("detector", detector)
                .tag("domain", domain).tag("shadow", Boolean.toString(shadow))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(500))
                .maximumExpectedValue(Duration.ofMillis(100)).register(registry));
    }

    @Override
    public void unscored(String domain, String detector, String reason) {
        unscoredCounter(domain, detector, reason).increment();
    }

    private Counter unscoredCounter(String domain, String detector, String reason) {
        return counters.computeIfAbsent("u/" + domain + "/" + detector + "/" + reason, k -> Counter.builder(UNSCORED)
                .tag("domain", domain).tag("detector", detector).tag("reason", reason).register(registry));
    }

    @Override
    public void swapped(ModelSlot slot, ModelSlot.Stage stage, ServingModel previous, ServingModel next) {
        registerVersionGauge(slot, stage);
        registry.counter(SWAPS, "model", slot.name(), "stage", stage.tag()).increment();
        LOG.info("Model {} {} now v{} (was {}): {}", slot.name(), stage.tag(), next.version(),
                previous == null ? "none" : "v" + previous.version(), next.model());
    }

    @Override
    public void shadowEnded(ModelSlot slot, ServingModel previous) {
        LOG.info("Model {} shadow v{} ended: no version in staging", slot.name(), previous.version());
    }

    @Override
    public void announced(String model) {
        for (ModelRefusedException.Reason reason : ModelRefusedException.Reason.values()) {
            registry.counter(REFUSALS, "model", model, "reason", reason.tag());
        }
        String domain = dev.vigil.registry.ModelKeys.domainOf(model);
        String detector = dev.vigil.registry.ModelKeys.detectorOf(model);
        for (ModelSlot.Stage stage : ModelSlot.Stage.values()) {
            registry.counter(SWAPS, "model", model, "stage", stage.tag());
            boolean shadow = stage == ModelSlot.Stage.SHADOW;
            scoresCounter(domain, detector, shadow);
            latencyTimer(domain, detector, shadow);
        }
        unscoredCounter(domain, detector, VectorScorer.REASON_SCHEMA);
        unscoredCounter(domain, detector, VectorScorer.REASON_ERROR);
    }

    @Override
    public void refused(Refusal refusal) {
        registry.counter(REFUSALS, "model", refusal.model(), "reason", refusal.reason().tag()).increment();
        LOG.error("Refused model {} v{} for {} ({}): {}; {} keeps serving", refusal.model(), refusal.version(),
                refusal.stage().tag(), refusal.reason().tag(), refusal.message(),
                refusal.serving() == null ? "no version" : "v" + refusal.serving());
    }

    /**
     * Serving version per model and role (0 when none), so dashboards show what scores. Registered at the
     * slot's first swap only: the gauge reads the slot, so it follows every later swap by itself.
     */
    private void registerVersionGauge(ModelSlot slot, ModelSlot.Stage stage) {
        if (!versionGauges.add(slot.name() + "/" + stage.tag())) {
            return;
        }
        Gauge.builder(SERVING_VERSION, slot, s -> {
            ServingModel m = stage == ModelSlot.Stage.PRODUCTION ? s.production() : s.shadow();
            return m == null ? 0 : m.version();
        }).tag("model", slot.name()).tag("stage", stage.tag()).strongReference(true).register(registry);
    }
}
