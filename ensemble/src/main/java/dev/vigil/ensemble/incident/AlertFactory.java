package dev.vigil.ensemble.incident;

import dev.vigil.avro.Alert;
import dev.vigil.avro.DetectorVerdict;
import dev.vigil.avro.FeatureContribution;
import dev.vigil.ensemble.fusion.Severities;
import dev.vigil.ensemble.model.Reading;
import java.time.Instant;
import java.util.List;

/** Renders an incident as the {@link Alert} downstream consumers read. */
public final class AlertFactory {
    private final Severities severities;

    public AlertFactory(Severities severities) {
        this.severities = severities;
    }

    public Alert toAlert(Incident incident, long nowWall) {
        var latest = incident.latest();
        return Alert.newBuilder()
                .setAlertId(incident.alertId())
                .setEntity(incident.entity())
                .setDomain(incident.domain())
                .setStatus(incident.status())
                .setSeverity(severities.of(incident.peakScore()))
                .setCombinedScore(latest.combined())
                .setRule(latest.rule())
                .setFirstWindowStart(Instant.ofEpochMilli(incident.firstWindowStart()))
                .setLastWindowEnd(Instant.ofEpochMilli(incident.lastWindowEnd()))
                .setWindowCount(incident.windowCount())
                .setDetectorScores(latest.scores().champion().stream().map(r -> verdict(r, latest.weights().get(r.detector()))).toList())
                .setMissingDetectors(latest.scores().missing())
                .setTopFeatures(incident.topFeatures().stream()
                        .map(d -> new FeatureContribution(d.feature(), d.value(), d.baseline(), d.deviation())).toList())
                .setEntities(incident.entities())
                .setCorrelated(incident.correlated())
                .setVariant(incident.correlated() ? null : latest.variant())
                .setUpdatedAt(Instant.ofEpochMilli(nowWall))
                .build();
    }

    private static DetectorVerdict verdict(Reading r, Double weight) {
        return new DetectorVerdict(r.detector(), r.modelName(), r.modelVersion(), r.score(), r.anomalous(), weight);
    }

    /** Every alert of a list of incidents, in order. */
    public List<Alert> toAlerts(List<Incident> incidents, long nowWall) {
        return incidents.stream().map(i -> toAlert(i, nowWall)).toList();
    }
}
