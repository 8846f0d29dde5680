package dev.vigil.retrainer;

import dev.vigil.avro.ModelStage;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ModelKeys;
import java.time.Duration;
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
            List<String> models = catalog.models().stream().filter(m -> ModelKeys.domainOf(m).equals(domain)).toList();
            DomainCoverage seen = coverage.getOrDefault(domain, DomainCoverage.NONE);
            if (models.isEmpty() && seen.suffices(settings.minSamples(), settings.minSpan())) {
                requests.add(request(BOOTSTRAP + "-" + domain, domain, domain, "bootstrap: " + seen.windows()
                        + " vectors over " + String.format(Locale.ROOT, "%.1f h", seen.span().toMinutes() / 60.0)
                        + " and no model yet", BOOTSTRAP, now));
            } else if (!models.isEmpty() && settings.promotion() != RetrainerSettings.Promotion.MANUAL) {
                requests.addAll(retries(catalog, domain, models, now));
            }
        }
        return requests;
    }

    /**
     * Models none of whose versions ever passed validation, once the cooldown has passed (doubled for each failed
     * version after the first, see {@link #backedOff}). When that is every model of the
     * domain, one request for the whole domain; otherwise one per such model: a domain served by its rules alone while its
     * first isolation forest was refused (trained on the night, validated on the first business hours) would otherwise
     * never get one, as neither the schedule (production versions only) nor the drift monitor (what serves) asks.
     * Under manual promotion every version stays a candidate by design, and nothing is retried.
     */
    private List<RetrainRequest> retries(ModelCatalog catalog, String domain, List<String> models, Instant now) {
        List<String> failed = models.stream().filter(m -> neverPassed(catalog, m)).toList();
        if (failed.size() == models.size()) {
            return failed.stream().allMatch(m -> backedOff(catalog, m, now)) ? List.of(retry(catalog, domain, models, now)) : List.of();
        }
        return failed.stream().filter(m -> backedOff(catalog, m, now)).map(m -> request(BOOTSTRAP + "-" + m + "-after-v" + catalog.latestVersionNumber(m), m, domain,
                "bootstrap: no version of " + m + " has passed validation while other detectors of the domain serve; trying"
                        + " again after the cooldown, doubled for each failed version", BOOTSTRAP, now)).toList();
    }

    /**
     * Every version of the domain's first models failed validation (kept as candidates, or refused by the detectors):
     * nothing scores the domain, and neither the schedule (production versions only) nor the drift monitor (which
     * watches what serves) would ever ask again. Another try once the cooldown has passed, on the newer data by then.
     */
    private RetrainRequest retry(ModelCatalog catalog, String domain, List<String> models, Instant now) {
        int latest = models.stream().mapToInt(catalog::latestVersionNumber).max().orElse(0);
        return request(BOOTSTRAP + "-" + domain + "-after-v" + latest, domain, domain, "bootstrap: no version of the domain's "
                + models.size() + " models serves or waits in staging (each failed validation); trying again after the cooldown",
                BOOTSTRAP, now);
    }

    /** No version serves or waits in staging, and none ever did (a model an operator retired is not retried). */
    private static boolean neverPassed(ModelCatalog catalog, String model) {
        return catalog.serving(model).isEmpty() && catalog.staging(model).isEmpty() && catalog.versions(model).stream()
                .flatMap(v -> v.getStageHistory().stream())
                .noneMatch(c -> c.getStage() == ModelStage.PRODUCTION || c.getStage() == ModelStage.STAGING);
    }

    /**
     * The cooldown, doubled for each failed version after the first and at most the maximum interval: a model that keeps
     * failing (its data cannot give a sane threshold) is tried ever less often instead of filling the registry with
     * candidates.
     */
    private boolean backedOff(ModelCatalog catalog, String model, Instant now) {
        var versions = catalog.versions(model);
        int doublings = Math.min(30, Math.max(0, versions.size() - 1));
        Duration wait = settings.cooldown().multipliedBy(1L << doublings);
        if (wait.compareTo(settings.maxInterval()) > 0) {
            wait = settings.maxInterval();
        }
        Duration pause = wait;
        return Cooldown.lastTrained(versions).map(last -> !last.plus(pause).isAfter(now)).orElse(true);
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
