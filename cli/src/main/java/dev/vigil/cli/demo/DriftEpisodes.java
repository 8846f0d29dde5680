package dev.vigil.cli.demo;

import dev.vigil.avro.DriftReport;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's drift reports against the true shift: confirmations before it (false alarms), per model the
 * first confirmation after it in windows (the window holding the shift counted as 1) and the drift monitor's
 * retrain requests from the shift on.
 */
record DriftEpisodes(Instant shiftAt, long confirmationsBeforeShift, Map<String, Integer> firstConfirmationWindow,
                     Map<String, Long> requestsAfterShift, Map<String, Long> confirmationsBeforeShiftByModel) {

    static DriftEpisodes of(Instant shiftAt, List<DriftReport> reports) {
        Map<String, Integer> first = new TreeMap<>();
        Map<String, Long> requests = new TreeMap<>();
        Map<String, Long> before = new TreeMap<>();
        if (shiftAt == null) {
            reports.stream().filter(DriftReport::getConfirmed).forEach(r -> before.merge(r.getModel(), 1L, Long::sum));
            return new DriftEpisodes(null, before.values().stream().mapToLong(Long::longValue).sum(), first, requests, before);
        }
        List<DriftReport> sorted = reports.stream().sorted(Comparator.comparing(DriftReport::getWindowStart)).toList();
        for (DriftReport r : sorted) {
            boolean after = r.getWindowEnd().isAfter(shiftAt);
            if (!after) {
                if (r.getConfirmed()) {
                    before.merge(r.getModel(), 1L, Long::sum);
                }
                continue;
            }
            if (r.getConfirmed() && !first.containsKey(r.getModel())) {
                long size = r.getWindowEnd().toEpochMilli() - r.getWindowStart().toEpochMilli();
                long shiftWindowStart = Math.floorDiv(shiftAt.toEpochMilli(), size) * size;
                first.put(r.getModel(), (int) ((r.getWindowStart().toEpochMilli() - shiftWindowStart) / size) + 1);
            }
            if (r.getRetrainRequested()) {
                requests.merge(r.getModel(), 1L, Long::sum);
            }
        }
        return new DriftEpisodes(shiftAt, before.values().stream().mapToLong(Long::longValue).sum(), first, requests,
                before);
    }

    Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("drift_shift_at", shiftAt == null ? null : shiftAt.toString());
        s.put("drift_confirmations_before_shift", confirmationsBeforeShift);
        s.put("drift_confirmations_before_shift_by_model", confirmationsBeforeShiftByModel);
        s.put("drift_first_confirmation_window_after_shift", firstConfirmationWindow);
        s.put("drift_retrain_requests_after_shift", requestsAfterShift);
        return s;
    }
}
