package dev.vigil.cli.bench;

import dev.vigil.avro.Severity;
import dev.vigil.ensemble.EnsembleSettings;
import dev.vigil.ensemble.fusion.Fused;
import dev.vigil.ensemble.fusion.Severities;
import dev.vigil.ensemble.incident.Incident;
import dev.vigil.ensemble.incident.IncidentTracker;
import dev.vigil.ensemble.model.Clocks;
import dev.vigil.ensemble.model.WindowScores;
import dev.vigil.ensemble.state.Journal;
import dev.vigil.ensemble.testing.MapBackend;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.models.fusion.Confirmation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of one entity's windows fall inside an incident the ensemble app would report: each anomalous window, with
 * its fused score, goes through the ensemble's own {@link IncidentTracker} (confirmation, quiet period, cooldown and
 * its bypass, on the event clock). An alert states its incident's span (first window start to last window end), so
 * every window inside that span counts as reported, the quiet gaps between its anomalous windows included.
 */
record IncidentWindows(String domain, Confirmation confirmation, Duration quiet, Duration cooldown, Severities severities,
                       Severity bypass) {
    /** The ensemble app's default settings for a domain. */
    static IncidentWindows defaultsFor(String domain) {
        EnsembleSettings s = EnsembleSettings.from(VigilConfig.of("ensemble", Map.of()));
        IncidentTracker.DomainRules rules = s.incidentSettings().rules(domain);
        return new IncidentWindows(domain, rules.confirmation(), rules.quiet(), rules.cooldown(), s.severities(), s.cooldownBypass());
    }

    String describe() {
        return "confirmed by " + confirmation.label() + " anomalous windows, quiet " + quiet.toMinutes() + " min, cooldown "
                + cooldown.toMinutes() + " min unless " + bypass;
    }

    boolean[] reported(boolean[] anomalous, double[] scores, long[] starts, long windowMillis) {
        IncidentTracker tracker = new IncidentTracker(new Journal(new MapBackend()), new IncidentTracker.Settings(quiet, cooldown, bypass,
                Clocks.EVENT, Map.of(domain, new IncidentTracker.DomainRules(confirmation, quiet, cooldown))), severities);
        String entity = "bench-entity";
        Map<String, Incident> incidents = new LinkedHashMap<>();
        for (int i = 0; i < anomalous.length; i++) {
            if (!anomalous[i]) {
                continue;
            }
            WindowScores window = new WindowScores(entity, domain, starts[i], starts[i] + windowMillis, List.of(), null, null);
            Fused fused = new Fused(window, scores[i], true, "bench", null, null, null);
            var observation = new IncidentTracker.Observation(domain, entity, entity, fused, List.of(entity), false, List.of(), scores[i]);
            tracker.observe(observation, 0).changed().forEach(incident -> incidents.put(incident.alertId(), incident));
        }
        boolean[] out = new boolean[anomalous.length];
        for (Incident incident : incidents.values()) {
            for (int i = 0; i < starts.length; i++) {
                out[i] |= starts[i] >= incident.firstWindowStart() && starts[i] < incident.lastWindowEnd();
            }
        }
        return out;
    }
}
