package dev.vigil.drift.status;

import dev.vigil.avro.DriftReport;
import dev.vigil.avro.RetrainRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code vigil status} shows for one model.
 *
 * @param model model name, e.g. {@code bgp-peer.isolation-forest}
 * @param domain its feature domain
 * @param servingVersion the version that serves (the production version unless refused), empty when none
 * @param servingSince when that version last entered production (its last PRODUCTION stage change, else its
 *     registration time)
 * @param servingAge time from {@code servingSince} to the view's "now"
 * @param latestDrift the latest drift check (latest window, then latest check time), empty when none
 * @param openRequests retrain requests no registered version answers yet, oldest first
 * @param history version stage changes and retrain requests, newest first
 */
public record ModelStatus(String model, String domain, Optional<Integer> servingVersion,
                          Optional<Instant> servingSince, Optional<Duration> servingAge,
                          Optional<DriftReport> latestDrift, List<RetrainRequest> openRequests,
                          List<HistoryEntry> history) {

    /** One event in a model's life. */
    public record HistoryEntry(Instant at, Kind kind, String description) {
        public enum Kind { VERSION_STAGE, RETRAIN_REQUEST }
    }
}
