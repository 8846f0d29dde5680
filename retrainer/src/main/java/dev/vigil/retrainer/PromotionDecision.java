package dev.vigil.retrainer;

import dev.vigil.avro.ModelStage;

/** The stage a new version enters and why; the reason goes into its stage history. */
public record PromotionDecision(ModelStage stage, String reason) {
}
