package dev.vigil.drift.streams;

import dev.vigil.registry.ModelKeys;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Applies a tombstone of {@code model.versions} (value: its key {@code <model>/<version>}, re-keyed by domain) to
 * the model's serving state, as every app does: a deleted version no longer serves or counts as a fallback, and
 * its record is dropped.
 */
final class DeletionProcessor implements Processor<String, String, String, SpecificRecord> {
    private final CheckRunner.Factory checks;
    private StateAccess state;

    DeletionProcessor(CheckRunner.Factory checks) {
        this.checks = checks;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.state = new StateAccess(context, checks.settings());
    }

    @Override
    public void process(Record<String, String> record) {
        ModelKeys.parseVersion(record.value()).ifPresent(deleted -> {
            state.putServing(deleted.model(), state.serving(deleted.model()).deleted(deleted.version()));
            state.deleteVersionRecord(deleted.model(), deleted.version());
        });
    }
}
