package dev.vigil.retrainer;

import dev.vigil.avro.ModelStage;

/**
 * What happened to one model of a request.
 *
 * @param version the version created (or found, for an already handled request); null otherwise
 * @param stage   its stage; null when no version
 */
public record Outcome(String model, Status status, Integer version, ModelStage stage, String detail) {

    /** Result kinds; each is also a tag of the {@code vigil.retrainer.outcomes} counter. */
    public enum Status {
        TRAINED, PROMOTED, ALREADY_DONE, COOLDOWN, NOT_ENOUGH_DATA, CANNOT_TRAIN, FAILED
    }

    public static Outcome without(String model, Status status, String detail) {
        return new Outcome(model, status, null, null, detail);
    }
}
