package dev.vigil.cli.demo;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo report's first paragraph, in words an operator reads before any table: what happened, how many incidents
 * were raised and how many were real, what was missed, what drifted and what the models did about it, and whether every
 * record was accounted for.
 */
final class Headline {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Headline() {
    }

    static String of(DemoResult result) {
        List<String> sentences = new ArrayList<>();
        sentences.add(incidents(result));
        sentences.add(detections(result));
        String drift = drift(result);
        if (drift != null) {
            sentences.add(drift);
        }
        String records = records(result);
        if (records != null) {
            sentences.add(records);
        }
        return String.join(" ", sentences);
    }

    private static String incidents(DemoResult r) {
        Evaluation e = r.evaluation();
        int raised = e.truePositiveAlerts() + e.falsePositiveAlerts();
        long hours = r.scenario().span().toHours();
        String base = String.format(Locale.ROOT, "Over %d simulated hours Vigil raised %d incident%s on BGP peers and services",
                hours, raised, raised == 1 ? "" : "s");
        if (raised == 0) {
            return base + ".";
        }
        return base + String.format(Locale.ROOT, "; %d %s real (%s) and %d false alarm%s.", e.truePositiveAlerts(),
                e.truePositiveAlerts() == 1 ? "was" : "were", percent(e.truePositiveAlerts(), raised), e.falsePositiveAlerts(),
                e.falsePositiveAlerts() == 1 ? "" : "s");
    }

    private static String detections(DemoResult r) {
        Evaluation e = r.evaluation();
        int injected = r.scenario().injections().size();
        int missed = injected - e.injectionsDetected();
        String delay = e.detectionDelays().isEmpty() ? ""
                : String.format(Locale.ROOT, ", a median %s window%s after each began", number(e.medianDetectionDelay()),
                        e.medianDetectionDelay() == 1 ? "" : "s");
        return String.format(Locale.ROOT, "It alerted on %d of the %d injected anomalies%s; %s.", e.injectionsDetected(), injected,
                delay, missed == 0 ? "none was missed" : missed + (missed == 1 ? " was" : " were") + " missed");
    }

    private static String drift(DemoResult r) {
        if (r.scenario().driftAt() == null) {
            return null;
        }
        DriftEpisodes episodes = DriftEpisodes.of(r.scenario().driftAt(), r.driftReports());
        long models = r.driftReports().stream().map(dev.vigil.avro.DriftReport::getModel).distinct().count();
        int confirmed = episodes.firstConfirmationWindow().size();
        int first = episodes.firstConfirmationWindow().values().stream().mapToInt(Integer::intValue).min().orElse(0);
        String when = confirmed == 0 ? "" : String.format(Locale.ROOT, " within %d drift window%s", first, first == 1 ? "" : "s");
        long requests = episodes.requestsAfterShift().values().stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "The normal regime shifted at %s: the drift monitor confirmed it for %d of %d models%s and "
                        + "asked for %d retrain%s; %d confirmation%s came before the shift.", TIME.format(r.scenario().driftAt()),
                confirmed, models, when, requests, requests == 1 ? "" : "s", episodes.confirmationsBeforeShift(),
                episodes.confirmationsBeforeShift() == 1 ? "" : "s");
    }

    private static String records(DemoResult r) {
        Object produced = r.summary().get("events_produced");
        Object lost = r.summary().get("records_lost");
        Object duplicated = r.summary().get("records_duplicated");
        if (produced == null || lost == null || duplicated == null) {
            return null;
        }
        Object versions = r.summary().getOrDefault("versions_announced", 0);
        Object swaps = r.summary().getOrDefault("hot_swaps", 0);
        return String.format(Locale.ROOT, "%s model versions were announced and the detectors switched versions %s times while "
                        + "scoring; of %,d events sent, %s %s lost and %s counted twice.", versions, swaps, ((Number) produced).longValue(),
                lost, ((Number) lost).longValue() == 1 ? "was" : "were", duplicated);
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
