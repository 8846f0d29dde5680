package dev.vigil.retrainer;

import dev.vigil.avro.RetrainRequest;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Requests nobody has to send: a domain's first models as soon as it has enough vectors (bootstrap), and a
 * retrain of every model not retrained within the maximum interval (schedule). Request ids are derived
 * from the state they answer, so a request repeated before it is handled is merged or recognised as done.
 */
public final class AutomaticRequests {
    public static final String BOOTSTRAP = "bootstrap";
    public static final String SCHEDULER = "scheduler";

    private final RetrainerSettings settings;
    private final Cooldown cooldown;

    public AutomaticRequests(RetrainerSettings settings) {
        this.settings = settings;
        this.cooldown = new Cooldown(settings.cooldown(), settings.maxInterval());
    }

    /**
     * @param vectorsPerDomain vectors seen per domain within the training window
     */
    public List<RetrainRequest> bootstrap(ModelCatalog catalog, Map<String, Long> vectorsPerDomain, Instant now) {
        List<RetrainRequest> requests = new ArrayList<>();
        for (String domain : settings.bootstrapDomains()) {
            boolean hasModel = catalog.models().stream().anyMatch(m -> ModelKeys.domainOf(m).equals(domain));
            long vectors = vectorsPerDomain.getOrDefault(domain, 0L);
            if (!hasModel && vectors >= settings.minSamples()) {
                requests.add(request(BOOTSTRAP + "-" + domain, domain, domain,
                        "bootstrap: " + vectors + " vectors and no model yet", BOOTSTRAP, now));
            }
        }
        return requests;
    }

    public List<RetrainRequest> scheduled(ModelCatalog catalog, Instant now) {
        List<RetrainRequest> requests = new ArrayList<>();
        for (String model : catalog.models()) {
            var versions = catalog.versions(model);
            if (catalog.production(model).isPresent() && cooldown.scheduledRetrainDue(versions, now)) {
                int latest = catalog.latestVersionNumber(model);
                requests.add(request(SCHEDULER + "-" + model + "-after-v" + latest, model, ModelKeys.domainOf(model),
                        "scheduled: no new version within " + settings.maxInterval(), SCHEDULER, now));
            }
        }
        return requests;
    }

    static RetrainRequest request(String id, String model, String domain, String reason, String requester, Instant now) {
        return RetrainRequest.newBuilder().setRequestId(id).setModel(model).setDomain(domain).setReasons(List.of(reason))
                .setDriftFigures(Map.of()).setRequester(requester).setForce(false).setRequestedAt(now).build();
    }
}
