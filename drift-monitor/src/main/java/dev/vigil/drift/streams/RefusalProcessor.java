package dev.vigil.drift.streams;

import dev.vigil.avro.DeadLetter;
import dev.vigil.registry.RefusalReport;
import dev.vigil.registry.ServingState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies the detectors' refusal reports ({@code model.versions.dlq}, re-keyed by domain) to the model's
 * {@link ServingState}, so the monitor checks against the version that really serves: a refused version's
 * training sketches are not the reference of the scores the detectors produce. The refused version's record
 * is dropped, as it can no longer serve.
 */
final class RefusalProcessor implements Processor<String, DeadLetter, String, SpecificRecord> {
    private final CheckRunner.Factory checks;
    private StateAccess state;

    RefusalProcessor(CheckRunner.Factory checks) {
        this.checks = checks;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.state = new StateAccess(context, checks.settings());
    }

    @Override
    public void process(Record<String, DeadLetter> record) {
        RefusalReport.of(record.value()).ifPresent(report -> {
            ServingState after = state.serving(report.model()).refused(report.version());
            state.putServing(report.model(), after);
            state.deleteVersionRecord(report.model(), report.version());
        });
    }
}
