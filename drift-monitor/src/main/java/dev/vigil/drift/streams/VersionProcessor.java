package dev.vigil.drift.streams;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.drift.check.ProductionIndex;
import dev.vigil.drift.state.DomainState;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Tracks each model's production version from {@code model.versions}, keeping the records of versions in
 * production (their baseline sketches are the training reference) and dropping those that leave it.
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
        List<Integer> before = state.productionOrder(model);
        List<Integer> after = ProductionIndex.apply(before, version);
        if (version.getStage() == ModelStage.PRODUCTION) {
            state.putVersionRecord(version);
        } else if (before.contains(version.getVersion())) {
            state.deleteVersionRecord(model, version.getVersion());
        }
        state.putProductionOrder(model, after);
        DomainState domain = state.domain(version.getDomain());
        state.registerModel(model, version.getDomain(),
                domain.hasData() ? state.settings().windowStartOf(domain.watermark()) : null);
    }
}
