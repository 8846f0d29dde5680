package dev.vigil.drift.streams;

import dev.vigil.avro.DetectorScore;
import dev.vigil.drift.state.DomainState;
import dev.vigil.drift.state.DriftStores;
import dev.vigil.drift.state.WindowCounts;
import io.micrometer.core.instrument.Counter;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Adds each production score to its model's window sketch and alert counts, and keeps the verdict so a
 * label for the same entity window, arriving before or after it, can be compared with it.
 */
final class ScoreProcessor implements Processor<String, DetectorScore, String, SpecificRecord> {
    private final CheckRunner.Factory checks;
    private final Counter late;
    private StateAccess state;
    private CheckRunner runner;

    ScoreProcessor(CheckRunner.Factory checks, Counter late) {
        this.checks = checks;
        this.late = late;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.state = new StateAccess(context, checks.settings());
        this.runner = checks.create(context, state);
    }

    @Override
    public void process(Record<String, DetectorScore> record) {
        DetectorScore score = record.value();
        String model = score.getModelName();
        String domain = score.getDomain();
        long entityWindow = score.getWindowStart().toEpochMilli();
        long window = state.settings().windowStartOf(entityWindow);
        state.registerModel(model, domain, window);

        EntityVerdicts verdicts = state.verdicts(score.getEntity(), entityWindow);
        if (verdicts.byModel().containsKey(model)) {
            // A repeated score (redelivered or rescored window) would count the same window twice.
            return;
        }
        DomainState before = state.domain(domain);
        if (state.isLate(before, window)) {
            late.increment();
        }
        state.addToSketch(DriftStores.scoreKey(model), window, score.getScore());
        WindowCounts counts = state.counts(model, window).withScore(score.getAnomalous());
        Optional<Boolean> label = state.label(score.getEntity(), entityWindow);
        if (label.isPresent()) {
            counts = counts.withLabelled(score.getAnomalous(), label.get());
        }
        state.putCounts(model, window, counts);
        state.putVerdicts(score.getEntity(), entityWindow, verdicts.with(model, score.getAnomalous()));

        state.putDomainIfChanged(domain, before, before.withData(window, score.getWindowEnd().toEpochMilli()));
        runner.runDue(domain);
    }
}
