package dev.vigil.cli.bench;

import dev.vigil.avro.Severity;
import dev.vigil.ensemble.EnsembleSettings;
import dev.vigil.ensemble.fusion.Severities;
import dev.vigil.ensemble.incident.IncidentTracker;
import dev.vigil.kit.config.VigilConfig;
import dev.vigil.models.fusion.Confirmation;
import java.time.Duration;
import java.util.Map;

/**
 * Which of one entity's windows fall inside an incident the ensemble app would report, given each window's fused
 * verdict and score, following the rules of its incident tracker: an anomalous window within {@code quiet} of the
 * open incident's last window joins it; otherwise, while the last incident cools down (its last window end plus
 * quiet plus {@code cooldown}) only a critical window counts; else the window must be confirmed by the domain's
 * {@link Confirmation} to open a new incident. An alert states its incident's span (first window start to last
 * window end), so every window inside that span counts as reported, the quiet gaps between its anomalous windows
 * included.
 */
record IncidentWindows(Confirmation confirmation, Duration quiet, Duration cooldown, Severities severities, Severity bypass) {
    /** The ensemble app's default settings for a domain. */
    static IncidentWindows defaultsFor(String domain) {
        EnsembleSettings s = EnsembleSettings.from(VigilConfig.of("ensemble", Map.of()));
        IncidentTracker.DomainRules rules = s.incidentSettings().rules(domain);
        return new IncidentWindows(rules.confirmation(), rules.quiet(), rules.cooldown(), s.severities(), s.cooldownBypass());
    }

    String describe() {
        return "confirmed by " + confirmation.label() + " anomalous windows, quiet " + quiet.toMinutes() + " min, cooldown "
                + cooldown.toMinutes() + " min unless " + bypass;
    }

    boolean[] reported(boolean[] anomalous, double[] scores, long[] starts, long windowMillis) {
        boolean[] out = new boolean[anomalous.length];
        long lastEnd = Long.MIN_VALUE;
        long[] pending = new long[0];
        for (int i = 0; i < anomalous.length; i++) {
            if (!anomalous[i]) {
                continue;
            }
            boolean open = lastEnd != Long.MIN_VALUE && starts[i] - lastEnd < quiet.toMillis();
            boolean coolingDown = !open && lastEnd != Long.MIN_VALUE
                    && starts[i] < lastEnd + quiet.toMillis() + cooldown.toMillis() && severities.of(scores[i]).compareTo(bypass) < 0;
            if (!open && !coolingDown) {
                pending = confirmation.remember(pending, starts[i], windowMillis);
                open = confirmation.confirmed(pending);
                if (open) {
                    pending = new long[0];
                }
            }
            if (open) {
                for (int j = i - 1; j >= 0 && lastEnd != Long.MIN_VALUE && starts[j] >= lastEnd && starts[i] - lastEnd < quiet.toMillis(); j--) {
                    out[j] = true; // a quiet gap inside the incident's span
                }
                out[i] = true;
                lastEnd = starts[i] + windowMillis;
            }
        }
        return out;
    }
}
