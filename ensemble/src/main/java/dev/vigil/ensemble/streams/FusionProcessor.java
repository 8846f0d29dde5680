package dev.vigil.ensemble.streams;

import dev.vigil.avro.DetectorScore;
import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.EnsembleSettings;
import dev.vigil.ensemble.fusion.WindowAssembler;
import dev.vigil.ensemble.model.ExpectedDetectors;
import dev.vigil.ensemble.model.Reading;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.ensemble.state.Journal;
import java.util.List;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stage, keyed by entity: gathers each entity window's detector scores ({@link WindowAssembler}) and
 * forwards the gathered window keyed by its domain. A wall-clock punctuation releases windows whose wait ran
 * out while no score arrived.
 *
 * <p>Its state is all in the store; {@link #init} builds the assembler over it, so when Streams revives the
 * task (its stores back at the last commit) and calls init again on this instance, nothing of the aborted
 * work remains.
 */
final class FusionProcessor implements Processor<String, DetectorScore, String, WindowScores> {
    private final EnsembleSettings settings;
    private final ExpectedDetectors expected;
    private final EnsembleMetrics metrics;
    private Cancellable ticks;
    private ProcessorContext<String, WindowScores> context;
    private WindowAssembler assembler;

    FusionProcessor(EnsembleSettings settings, ExpectedDetectors expected, EnsembleMetrics metrics) {
        this.settings = settings;
        this.expected = expected;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, WindowScores> context) {
        this.context = context;
        Journal journal = new Journal(new StoreBackend(context.getStateStore(EnsembleTopology.WINDOWS_STORE)));
        assembler = new WindowAssembler(journal, expected, settings.fusionWait(), settings.lateHorizon(), settings.waitClock());
        // Streams keeps a revived task's punctuations when it calls init again: cancel the previous init's.
        if (ticks != null) {
            ticks.cancel();
        }
        ticks = context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME,
                now -> forward(assembler.expire(now)));
    }

    @Override
    public void process(Record<String, DetectorScore> record) {
        DetectorScore score = record.value();
        Reading reading = Converters.reading(score);
        var result = assembler.add(score.getEntity(), score.getDomain(), score.getWindowStart().toEpochMilli(),
                score.getWindowEnd().toEpochMilli(), reading, context.currentSystemTimeMs());
        String kind = switch (result.kind()) {
            case UNSCORED -> "unscored";
            case LATE -> "late";
            default -> reading.shadow() ? "shadow" : "scored";
        };
        metrics.score(kind, score.getDomain());
        forward(result.released());
    }

    private void forward(List<WindowScores> released) {
        long now = context.currentSystemTimeMs();
        for (WindowScores window : released) {
            metrics.released(window.domain(), window.missing().isEmpty());
            context.forward(new Record<>(window.domain(), window, now));
        }
    }
}
