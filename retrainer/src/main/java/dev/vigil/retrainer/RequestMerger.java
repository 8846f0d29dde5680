package dev.vigil.retrainer;

import dev.vigil.avro.RetrainRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Merges requests that ask for the same model: a burst of drift reports (or a retried request) becomes one
 * training run that records every request id, reason and the worst drift figures.
 *
 * <p>Of several {@code changedSince} times the latest is kept: data after it is in the new regime of every
 * merged drift, while data between an earlier change and a later one still shows the old regime of the later
 * drift, which is what made the demo's candidates raise too many alerts on the newest windows. If too few
 * rows follow the latest change, the retrainer falls back to its whole training window (see
 * {@link TrainingDataSelector}). A request without one (scheduler, operator) does not cancel another's.
 */
public final class RequestMerger {
    private RequestMerger() {
    }

    /** Requests grouped by requested model, in order of first appearance; a repeated request id counts once. */
    public static List<MergedRequest> merge(List<RetrainRequest> requests) {
        Map<String, MergedRequest> byModel = new LinkedHashMap<>();
        for (RetrainRequest r : requests) {
            MergedRequest next = MergedRequest.of(r);
            byModel.merge(r.getModel(), next, RequestMerger::combine);
        }
        return new ArrayList<>(byModel.values());
    }

    static MergedRequest combine(MergedRequest a, MergedRequest b) {
        Map<String, Double> figures = new HashMap<>(a.driftFigures());
        b.driftFigures().forEach((k, v) -> figures.merge(k, v, Math::max));
        return new MergedRequest(union(a.requestIds(), b.requestIds()), a.model(), a.domain(),
                union(a.reasons(), b.reasons()), figures, union(a.requesters(), b.requesters()),
                a.force() || b.force(), a.requestedAt().isBefore(b.requestedAt()) ? a.requestedAt() : b.requestedAt(),
                latest(a.changedSince(), b.changedSince()));
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isAfter(b) ? a : b;
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
