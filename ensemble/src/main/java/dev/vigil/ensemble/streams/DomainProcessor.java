package dev.vigil.ensemble.streams;

import dev.vigil.avro.Label;
import dev.vigil.ensemble.EnsembleMetrics;
import dev.vigil.ensemble.EnsembleSettings;
import dev.vigil.ensemble.ab.LabelFeedback;
import dev.vigil.ensemble.fusion.Fusion;
import dev.vigil.ensemble.fusion.Weights;
import dev.vigil.ensemble.incident.AlertFactory;
import dev.vigil.ensemble.incident.CorrelationBuffer;
import dev.vigil.ensemble.incident.DomainEngine;
import dev.vigil.ensemble.incident.IncidentTracker;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.ensemble.state.Journal;
import dev.vigil.models.fusion.ScoreFusion;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Second stage, keyed by domain: fusion, correlation, incidents and label feedback ({@link DomainEngine}).
 * Forwards alerts keyed by alert id and promotion requests keyed by model. A wall-clock punctuation runs the
 * engine's tick.
 *
 * <p>Its state is all in the store; {@link #init} builds the engine over it, so when Streams revives the
 * task (its stores back at the last commit) and calls init again on this instance, nothing of the aborted
 * work remains.
 */
final class DomainProcessor implements Processor<String, Object, String, SpecificRecord> {
    private final EnsembleSettings settings;
    private final EnsembleMetrics metrics;
    private Cancellable ticks;
    private ProcessorContext<String, SpecificRecord> context;
    private DomainEngine engine;

    DomainProcessor(EnsembleSettings settings, EnsembleMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        Journal journal = new Journal(new StoreBackend(context.getStateStore(EnsembleTopology.DOMAIN_STORE)));
        AlertFactory alerts = new AlertFactory(settings.severities());
        engine = new DomainEngine(journal,
                new Fusion(new ScoreFusion(settings.rule(), settings.threshold(), settings.minDetectors(), settings.minAgreeing()),
                        settings.split()),
                new Weights(settings.weights(), settings.learnWeights(), settings.weightsMinLabels(), settings.weightsMinLabelsPerClass()),
                new CorrelationBuffer(journal, settings.correlationHold(), settings.judgedMemory(), settings.incidentClock()),
                new IncidentTracker(journal, settings.incidentSettings(), settings.severities()),
                new LabelFeedback(journal, settings.labelRetention(), settings.anomalousLabelRetention(), settings.trialMinLabels(), settings.trialAlpha(), metrics),
                alerts, settings.engineSettings(), metrics);
        // Streams keeps a revived task's punctuations when it calls init again: cancel the previous init's.
        if (ticks != null) {
            ticks.cancel();
        }
        ticks = context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, now -> emit(engine.tick(now)));
    }

    @Override
    public void process(Record<String, Object> record) {
        long now = context.currentSystemTimeMs();
        if (record.value() instanceof WindowScores window) {
            emit(engine.onWindow(window, now));
        } else if (record.value() instanceof Label label) {
            emit(engine.onLabel(Converters.label(label), now));
        }
    }

    private void emit(DomainEngine.Output output) {
        long now = context.currentSystemTimeMs();
        output.alerts().forEach(a -> context.forward(new Record<>(a.getAlertId(), a, now)));
        output.promotions().forEach(p -> context.forward(new Record<>(p.getModel(), p, now)));
    }
}
