package dev.vigil.drift.streams;

import dev.vigil.avro.ModelVersion;
import dev.vigil.drift.state.DomainState;
import dev.vigil.registry.ServingState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Follows {@code model.versions} (in offset order: one partition, re-keyed by domain) into each model's
 * {@link ServingState}, and keeps the records of the versions that may serve (their training sketches are the
 * reference) while dropping the others'.
 */
final class VersionProcessor implements Processor<String, ModelVersion, String, SpecificRecord> {
    private final CheckRunner.Factory checks;
    private StateAccess state;

    VersionProcessor(CheckRunner.Factory checks) {
        this.checks = checks;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.state = new StateAccess(context, checks.settings());
    }

    @Override
    public void process(Record<String, ModelVersion> record) {
        ModelVersion version = record.value();
        String model = version.getName();
        ServingState after = state.serving(model).announced(version);
        state.putServing(model, after);
        if (after.mayServe(version.getVersion())) {
            state.putVersionRecord(version);
        } else {
            state.deleteVersionRecord(model, version.getVersion());
        }
        DomainState domain = state.domain(version.getDomain());
        state.registerModel(model, version.getDomain(),
                domain.hasData() ? state.settings().windowStartOf(domain.watermark()) : null);
    }
}
