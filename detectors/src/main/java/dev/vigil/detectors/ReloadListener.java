package dev.vigil.detectors;

/** Told about every change of the serving models; metrics and logging hang off it. */
public interface ReloadListener {
    /** A new version serves in {@code stage} of {@code slot}; {@code previous} is null for the first one. */
    void swapped(ModelSlot slot, ModelSlot.Stage stage, ServingModel previous, ServingModel next);

    /** A shadow version stopped serving because no version of the model is in staging any more. */
    void shadowEnded(ModelSlot slot, ServingModel previous);

    void refused(Refusal refusal);

    /** A model was announced: metrics about it can start at zero, so the first refusal shows as an increase. */
    default void announced(String model) {
    }

    ReloadListener NONE = new ReloadListener() {
        @Override
        public void swapped(ModelSlot slot, ModelSlot.Stage stage, ServingModel previous, ServingModel next) {
        }

        @Override
        public void shadowEnded(ModelSlot slot, ServingModel previous) {
        }

        @Override
        public void refused(Refusal refusal) {
        }
    };
}
