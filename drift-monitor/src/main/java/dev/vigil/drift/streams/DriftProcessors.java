package dev.vigil.drift.streams;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DetectorScore;
import dev.vigil.avro.FeatureVector;
import dev.vigil.avro.Label;
import dev.vigil.avro.ModelVersion;
import dev.vigil.drift.DriftGauges;
import dev.vigil.drift.DriftSettings;
import dev.vigil.drift.check.DriftChecker;
import dev.vigil.kit.app.AppContext;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;

/** Creates the monitor's processors; they share the settings, the checker, the gauges and the clock. */
public final class DriftProcessors {
    private final CheckRunner.Factory checks;
    private final Counter nonFinite;
    private final Counter late;

    public DriftProcessors(DriftSettings settings, AppContext ctx, Clock clock) {
        DriftChecker checker = DriftChecker.from(ctx.config(), settings.cooldown());
        this.checks = new CheckRunner.Factory(settings, checker, new DriftGauges(ctx.metrics(), ctx.appName()), clock,
                ctx.metrics(), ctx.appName());
        this.nonFinite = ctx.metrics().counter("vigil." + ctx.appName() + ".non.finite.values");
        this.late = ctx.metrics().counter("vigil." + ctx.appName() + ".late.records");
    }

    public Processor<String, FeatureVector, String, SpecificRecord> features() {
        return new FeatureProcessor(checks, nonFinite, late);
    }

    public Processor<String, DetectorScore, String, SpecificRecord> scores() {
        return new ScoreProcessor(checks, late);
    }

    public Processor<String, ModelVersion, String, SpecificRecord> versions() {
        return new VersionProcessor(checks);
    }

    public Processor<String, DeadLetter, String, SpecificRecord> refusals() {
        return new RefusalProcessor(checks);
    }

    public Processor<String, String, String, SpecificRecord> deletions() {
        return new DeletionProcessor(checks);
    }

    public Processor<String, Label, String, SpecificRecord> labels() {
        return new LabelProcessor(checks);
    }
}
