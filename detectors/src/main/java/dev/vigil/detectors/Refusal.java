package dev.vigil.detectors;

import dev.vigil.avro.DeadLetter;
import dev.vigil.registry.RefusalReport;
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

    /** The report of this refusal for {@code model.versions.dlq}, which the other apps read as a {@link RefusalReport}. */
    public DeadLetter report(String app, String versionsTopic) {
        return RefusalReport.letter(app, versionsTopic, model, version, reason.tag(), description());
    }

    public String description() {
        return model + " v" + version + " refused for " + stage.tag() + ": " + message + "; "
                + (serving == null ? "no version" : "v" + serving) + " keeps serving";
    }
}
