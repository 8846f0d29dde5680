package dev.vigil.ensemble.incident;

import dev.vigil.avro.AlertStatus;
import dev.vigil.ensemble.fusion.Fused;
import dev.vigil.ensemble.model.Deviation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One incident: consecutive anomalous windows of one entity, or of a correlated group of a domain.
 *
 * @param key the entity, or {@link #CORRELATED} for a domain's correlated group
 * @param latest the latest merged window (its scores and verdicts are what the alert shows)
 * @param peakScore highest combined score so far; the severity comes from it, so an incident never de-escalates
 * @param entities the entities involved (one for a single-entity incident)
 * @param lastActivityWall wall-clock time of the last change, for the wall-clock quiet period
 */
public record Incident(String key, String alertId, String domain, String entity, AlertStatus status, long firstWindowStart,
                       long lastWindowEnd, int windowCount, double peakScore, Fused latest, List<String> entities,
                       boolean correlated, List<Deviation> topFeatures, long lastActivityWall) {
    public static final String CORRELATED = "correlated";

    public Incident {
        entities = List.copyOf(entities);
        topFeatures = List.copyOf(topFeatures);
    }

    /**
     * The deterministic id: a name-based UUID of domain, incident key and first window start, so the same
     * incident gets the same id on every instance, replay and restart.
     */
    public static String idOf(String domain, String key, long firstWindowStart) {
        String name = "vigil-alert|" + domain + "|" + key + "|" + firstWindowStart;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public boolean open() {
        return status != AlertStatus.CLOSED;
    }

    /** The same incident (id, windows, activity) under another key and entity: an entity's incident that became a group's. */
    public Incident regrouped(String newKey, String newEntity) {
        return new Incident(newKey, alertId, domain, newEntity, status, firstWindowStart, lastWindowEnd, windowCount, peakScore,
                latest, entities, true, topFeatures, lastActivityWall);
    }

    public Incident closed(long nowWall) {
        return new Incident(key, alertId, domain, entity, AlertStatus.CLOSED, firstWindowStart, lastWindowEnd, windowCount,
                peakScore, latest, entities, correlated, topFeatures, nowWall);
    }
}
