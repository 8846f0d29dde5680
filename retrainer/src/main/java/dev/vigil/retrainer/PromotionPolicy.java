package dev.vigil.retrainer;

import dev.vigil.avro.ModelStage;
import dev.vigil.models.ValidationMetrics;
import java.time.Duration;
import java.util.Locale;

/**
 * Decides the stage of a validated version. A version with an insane score distribution, or one that does
 * worse than production on labelled holdout windows (PR-AUC or F1 lower by more than the tolerance), stays
 * a candidate. Otherwise the configured promotion applies: production directly, staging for a shadow
 * period, or candidate until an operator promotes it. A model's first version goes to production at once
 * (unless promotion is manual): there is nothing to shadow it against and the detectors need a model.
 */
public final class PromotionPolicy {
    private final RetrainerSettings.Promotion promotion;
    private final double tolerance;
    private final Duration shadow;

    public PromotionPolicy(RetrainerSettings.Promotion promotion, double tolerance, Duration shadow) {
        this.promotion = promotion;
        this.tolerance = tolerance;
        this.shadow = shadow;
    }

    public PromotionDecision decide(ValidationReport report, boolean hasProduction) {
        if (!report.sanityProblems().isEmpty()) {
            return new PromotionDecision(ModelStage.CANDIDATE, "kept as candidate: " + String.join("; ", report.sanityProblems()));
        }
        ValidationMetrics c = report.candidate();
        ValidationMetrics p = report.production();
        String evidence = evidence(report);
        if (report.labelled() && p != null) {
            if (worse(c.prAuc(), p.prAuc())) {
                return new PromotionDecision(ModelStage.CANDIDATE, String.format(Locale.ROOT,
                        "kept as candidate: PR-AUC %.3f is below production's %.3f by more than %.3f", c.prAuc(), p.prAuc(), tolerance));
            }
            if (worse(c.f1(), p.f1())) {
                return new PromotionDecision(ModelStage.CANDIDATE, String.format(Locale.ROOT,
                        "kept as candidate: F1 %.3f is below production's %.3f by more than %.3f", c.f1(), p.f1(), tolerance));
            }
        }
        if (promotion == RetrainerSettings.Promotion.MANUAL) {
            return new PromotionDecision(ModelStage.CANDIDATE, "passed validation (" + evidence + "); promotion is manual");
        }
        if (!hasProduction) {
            return new PromotionDecision(ModelStage.PRODUCTION, "first version of the model; " + evidence);
        }
        if (promotion == RetrainerSettings.Promotion.SHADOW) {
            return new PromotionDecision(ModelStage.STAGING, "passed validation (" + evidence + "); shadow scoring for " + shadow);
        }
        return new PromotionDecision(ModelStage.PRODUCTION, "passed validation (" + evidence + ")");
    }

    /** True when the candidate is worse than production by more than the tolerance; NaN on either side cannot decide. */
    private boolean worse(double candidate, double production) {
        if (Double.isNaN(production)) {
            return false;
        }
        return Double.isNaN(candidate) || candidate < production - tolerance;
    }

    private static String evidence(ValidationReport report) {
        ValidationMetrics c = report.candidate();
        if (report.labelled()) {
            String own = String.format(Locale.ROOT, "PR-AUC %.3f, F1 %.3f, precision %.3f, recall %.3f, FPR %.4f",
                    c.prAuc(), c.f1(), c.precision(), c.recall(), c.falsePositiveRate());
            return report.production() == null ? own
                    : own + String.format(Locale.ROOT, " vs production PR-AUC %.3f, F1 %.3f", report.production().prAuc(), report.production().f1());
        }
        String own = String.format(Locale.ROOT, "unlabelled holdout: alert rate %.4f, median score %.3f", c.alertRate(), report.scoreMedian());
        return report.production() == null ? own
                : own + String.format(Locale.ROOT, " vs production's alert rate %.4f", report.production().alertRate());
    }
}
