package dev.vigil.drift.streams;

import dev.vigil.avro.Label;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keeps labels and compares each with the verdicts already given on its entity window. Counts go to the
 * drift window of the labelled entity window, so a late label still improves the figures of the checks
 * whose performance horizon covers it. A corrected label replaces the earlier one in the counts.
 */
final class LabelProcessor implements Processor<String, Label, String, SpecificRecord> {
    private final CheckRunner.Factory checks;
    private StateAccess state;

    LabelProcessor(CheckRunner.Factory checks) {
        this.checks = checks;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.state = new StateAccess(context, checks.settings());
    }

    @Override
    public void process(Record<String, Label> record) {
        Label label = record.value();
        long entityWindow = label.getWindowStart().toEpochMilli();
        long window = state.settings().windowStartOf(entityWindow);
        Optional<Boolean> previous = state.label(label.getEntity(), entityWindow);
        if (previous.isPresent() && previous.get() == label.getAnomalous()) {
            return;
        }
        state.putLabel(label.getEntity(), entityWindow, label.getAnomalous());
        for (Map.Entry<String, Boolean> verdict : state.verdicts(label.getEntity(), entityWindow).byModel().entrySet()) {
            String model = verdict.getKey();
            var counts = state.counts(model, window);
            if (previous.isPresent()) {
                counts = counts.withoutLabelled(verdict.getValue(), previous.get());
            }
            state.putCounts(model, window, counts.withLabelled(verdict.getValue(), label.getAnomalous()));
        }
    }
}
