package dev.vigil.retrainer;

import dev.vigil.avro.RetrainRequest;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Requests nobody has to send: a domain's first models as soon as its vectors are enough ({@code min.samples}) and
 * span enough event time ({@code min.span}, a daily cycle by default) (bootstrap), and a
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
     * @param coverage what each domain's vectors within the training window cover
     */
    public List<RetrainRequest> bootstrap(ModelCatalog catalog, Map<String, DomainCoverage> coverage, Instant now) {
        List<RetrainRequest> requests = new ArrayList<>();
        for (String domain : settings.bootstrapDomains()) {
            boolean hasModel = catalog.models().stream().anyMatch(m -> ModelKeys.domainOf(m).equals(domain));
            DomainCoverage seen = coverage.getOrDefault(domain, DomainCoverage.NONE);
            if (!hasModel && seen.suffices(settings.minSamples(), settings.minSpan())) {
                requests.add(request(BOOTSTRAP + "-" + domain, domain, domain, "bootstrap: " + seen.windows()
                        + " vectors over "
                        + String.format(Locale.ROOT, "%.1f h", seen.span().toMinutes() / 60.0) + " and no model yet", BOOTSTRAP, now));
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
