package dev.vigil.drift.streams;

import dev.vigil.avro.FeatureVector;
import dev.vigil.drift.state.DomainState;
import dev.vigil.drift.state.DriftStores;
import io.micrometer.core.instrument.Counter;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Adds each feature vector's values to its domain's per-feature window sketches. Sketches are kept per
 * domain, not per model: every model of a domain sees the same vectors, so one sketch per feature serves
 * all of them, and each model's check compares it with that model's own baseline.
 */
final class FeatureProcessor implements Processor<String, FeatureVector, String, SpecificRecord> {
    private final CheckRunner.Factory checks;
    private final Counter nonFinite;
    private final Counter late;
    private StateAccess state;
    private CheckRunner runner;

    FeatureProcessor(CheckRunner.Factory checks, Counter nonFinite, Counter late) {
        this.checks = checks;
        this.nonFinite = nonFinite;
        this.late = late;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.state = new StateAccess(context, checks.settings());
        this.runner = checks.create(context, state);
    }

    @Override
    public void process(Record<String, FeatureVector> record) {
        FeatureVector vector = record.value();
        String domain = vector.getDomain();
        long windowStart = state.settings().windowStartOf(vector.getWindowStart().toEpochMilli());
        DomainState before = state.domain(domain);
        if (state.isLate(before, windowStart)) {
            late.increment();
        }
        List<String> names = vector.getFeatureNames();
        List<Double> values = vector.getValues();
        for (int i = 0; i < names.size(); i++) {
            double value = values.get(i);
            if (Double.isFinite(value)) {
                state.addToSketch(DriftStores.featureKey(domain, names.get(i)), windowStart, value);
            } else {
                // A sketch holds finite values only; NaN or infinity means a broken feature, counted apart.
                nonFinite.increment();
            }
        }
        state.putDomainIfChanged(domain, before, before.withFeatureNames(names)
                .withData(windowStart, vector.getWindowEnd().toEpochMilli()));
        runner.runDue(domain);
    }
}
