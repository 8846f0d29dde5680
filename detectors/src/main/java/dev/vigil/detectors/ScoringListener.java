package dev.vigil.detectors;

/** Told about every score record the scorer makes; metrics hang off it. */
public interface ScoringListener {
    void scored(ServingModel model, boolean shadow, boolean anomalous, long nanos);

    /** A record without a model score: {@code detector} is {@code none} when the domain has no model. */
    void unscored(String domain, String detector, String reason);

    ScoringListener NONE = new ScoringListener() {
        @Override
        public void scored(ServingModel model, boolean shadow, boolean anomalous, long nanos) {
        }

        @Override
        public void unscored(String domain, String detector, String reason) {
        }
    };
}
