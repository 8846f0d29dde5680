package dev.vigil.retrainer;

import dev.vigil.avro.RetrainRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One or more retrain requests for the same model (or domain), merged.
 *
 * @param requestIds   every merged request id, first one first
 * @param model        model or domain requested
 * @param domain       domain of the model
 * @param reasons      distinct reasons of all requests
 * @param driftFigures largest value of each drift figure
 * @param requesters   distinct requesters
 * @param force        true when any request was forced
 * @param requestedAt  earliest request time
 * @param changedSince start of the newest regime the requests report (the latest {@code changedSince} among them),
 *                     or null when no request carries one; training prefers data from then on
 */
public record MergedRequest(List<String> requestIds, String model, String domain, List<String> reasons,
                            Map<String, Double> driftFigures, List<String> requesters, boolean force, Instant requestedAt,
                            Instant changedSince) {

    /** Separator of merged ids in {@code ModelVersion.requestId}. */
    public static final String ID_SEPARATOR = ",";

    public MergedRequest {
        requestIds = List.copyOf(requestIds);
        reasons = List.copyOf(reasons);
        driftFigures = Map.copyOf(driftFigures);
        requesters = List.copyOf(requesters);
    }

    public static MergedRequest of(RetrainRequest r) {
        return new MergedRequest(List.of(r.getRequestId()), r.getModel(), r.getDomain(), r.getReasons(),
                r.getDriftFigures(), List.of(r.getRequester()), r.getForce(), r.getRequestedAt(), r.getChangedSince());
    }

    /** The value recorded in {@code ModelVersion.requestId}. */
    public String recordedId() {
        return String.join(ID_SEPARATOR, requestIds);
    }

    /** Whether a recorded {@code ModelVersion.requestId} covers any of this request's ids. */
    public boolean coveredBy(String recordedId) {
        if (recordedId == null || recordedId.isEmpty()) {
            return false;
        }
        Set<String> recorded = Set.copyOf(Arrays.asList(recordedId.split(ID_SEPARATOR)));
        return requestIds.stream().anyMatch(recorded::contains);
    }
}
