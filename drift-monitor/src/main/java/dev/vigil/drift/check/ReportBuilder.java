package dev.vigil.drift.check;

import dev.vigil.avro.DistributionDrift;
import dev.vigil.avro.DriftReference;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.Severity;
import dev.vigil.drift.state.WindowCounts;
import dev.vigil.sketches.ConfusionCounts;
import dev.vigil.sketches.DistributionComparison;
import dev.vigil.sketches.DriftDecision;
import dev.vigil.sketches.FeatureDrift;
import dev.vigil.sketches.Persistence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a check's inputs and verdicts into its {@link DriftReport}. */
final class ReportBuilder {
    private ReportBuilder() {
    }

    static DriftReport build(CheckInput in, DriftDecision decision, Persistence persistence, boolean requested,
                             List<String> reasons, Instant checkedAt) {
        List<DistributionDrift> features = new ArrayList<>(decision.features().size());
        decision.features().forEach(f -> features.add(distribution(f)));
        WindowCounts w = in.window();
        ConfusionCounts labels = DriftChecker.confusion(in.horizon());
        return DriftReport.newBuilder()
                .setModel(in.model())
                .setModelVersion(in.productionVersion().orElse(null))
                .setDomain(in.domain())
                .setReference(reference(in))
                .setWindowStart(in.windowStart())
                .setWindowEnd(in.windowEnd())
                .setFeatures(features)
                .setScore(decision.score() == null ? null : distribution(decision.score()))
                .setAlertRate(w.scored() == 0 ? null : (double) w.anomalous() / w.scored())
                .setExpectedAlertRate(in.expectedAlertRate().orElse(null))
                .setPrecision(orNull(labels.precision()))
                .setRecall(orNull(labels.recall()))
                .setFalsePositiveRate(orNull(labels.falsePositiveRate()))
                .setSeverity(avro(decision.severity()))
                .setConsecutiveWindows(persistence.consecutiveWindows())
                .setConfirmed(persistence.confirmed())
                .setRetrainRequested(requested)
                .setReasons(reasons)
                .setCheckedAt(checkedAt)
                .build();
    }

    /**
     * The training baseline when any distribution used the production version's sketch, else seasonal when
     * the features' reference is, else rolling.
     */
    static DriftReference reference(CheckInput in) {
        boolean training = in.features().stream().anyMatch(p -> !p.rolling())
                || in.score().map(p -> !p.rolling()).orElse(false);
        if (training) {
            return DriftReference.TRAINING_BASELINE;
        }
        boolean seasonal = in.features().stream().anyMatch(p -> p.reference() == SketchPair.Reference.SEASONAL);
        return seasonal ? DriftReference.SEASONAL : DriftReference.ROLLING;
    }

    static DistributionDrift distribution(FeatureDrift f) {
        DistributionComparison c = f.comparison();
        return DistributionDrift.newBuilder()
                .setName(f.name())
                .setCount(c.windowCount())
                .setBaselineCount(c.baselineCount())
                .setKs(c.ks())
                .setPsi(c.psi())
                .setWasserstein(c.wassersteinScaled())
                .setMedianShift(c.medianShift())
                .setP95Shift(c.p95Shift())
                .setSeverity(avro(f.severity()))
                .build();
    }

    static Severity avro(dev.vigil.sketches.Severity severity) {
        return Severity.valueOf(severity.name());
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
