package dev.vigil.detectors;

import java.time.Instant;

/**
 * A model version this instance refused to serve, and why. Reported on {@code model.versions.dlq}.
 *
 * @param model   model name
 * @param version refused version
 * @param stage   the role it was announced for
 * @param reason  kind of failure
 * @param message what was wrong, in words
 * @param serving version that keeps serving instead, or null when none
 * @param at      when it was refused
 */
public record Refusal(String model, int version, ModelSlot.Stage stage, ModelRefusedException.Reason reason,
                      String message, Integer serving, Instant at) {
}
