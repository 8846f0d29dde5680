package dev.vigil.drift.status;

import dev.vigil.avro.DriftReport;
import dev.vigil.avro.ModelStage;
import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.RetrainRequest;
import dev.vigil.avro.StageChange;
import dev.vigil.drift.status.ModelStatus.HistoryEntry;
import dev.vigil.registry.ModelCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A summary of every model from the registry's catalog ({@code model.versions} and the refusal reports),
 * {@code drift.reports} and {@code retrain.requests} (in offset order): serving version and age, latest drift
 * figures, open retrain requests and history. The serving version is the registry's serving rule's
 * ({@link dev.vigil.registry.ServingState}): the production version unless the detectors refused it. Plain
 * Java over Avro records, so the CLI reads the topics and hands them over.
 *
 * <p>A retrain request is open until some version of its model (or of a model of the domain it names)
 * carries its request id; the retrainer records the ids of requests it merged comma-separated.
 */
public final class StatusView {
    private final List<ModelStatus> models;

    private StatusView(List<ModelStatus> models) {
        this.models = List.copyOf(models);
    }

    public static StatusView of(ModelCatalog catalog, List<DriftReport> reports, List<RetrainRequest> requests,
                                Instant now) {
        Set<String> names = new TreeSet<>(catalog.models());
        reports.forEach(r -> names.add(r.getModel()));
        requests.stream().filter(r -> isModelName(r.getModel())).forEach(r -> names.add(r.getModel()));
        List<ModelStatus> out = new ArrayList<>();
        for (String model : names) {
            out.add(statusOf(model, catalog, reports, requests, now));
        }
        return new StatusView(out);
    }

    public List<ModelStatus> models() {
        return models;
    }

    public Optional<ModelStatus> model(String name) {
        return models.stream().filter(m -> m.model().equals(name)).findFirst();
    }

    /** A plain-text rendering: one line per model, then each model's open requests and recent history. */
    public String render(int historyLines) {
        return StatusText.render(this, historyLines);
    }

    private static ModelStatus statusOf(String model, ModelCatalog catalog, List<DriftReport> reports,
                                        List<RetrainRequest> requests, Instant now) {
        List<ModelVersion> versions = catalog.versions(model);
        Optional<ModelVersion> serving = catalog.serving(model);
        String domain = domainOf(model, versions, reports);
        Optional<Instant> since = serving.map(StatusView::productionSince);
        Optional<DriftReport> latest = reports.stream().filter(r -> r.getModel().equals(model))
                .max(Comparator.comparing(DriftReport::getWindowEnd).thenComparing(DriftReport::getCheckedAt));
        Set<String> answered = versions.stream().map(ModelVersion::getRequestId).filter(Objects::nonNull)
                .flatMap(ids -> Arrays.stream(ids.split(","))).map(String::trim).collect(Collectors.toSet());
        List<RetrainRequest> mine = requests.stream()
                .filter(r -> r.getModel().equals(model) || r.getModel().equals(domain)).toList();
        List<RetrainRequest> open = mine.stream().filter(r -> !answered.contains(r.getRequestId()))
                .sorted(Comparator.comparing(RetrainRequest::getRequestedAt)).toList();
        return new ModelStatus(model, domain, serving.map(ModelVersion::getVersion), since,
                since.map(s -> Duration.between(s, now)), latest, open, history(versions, mine));
    }

    /** When a version last entered production; its registration time when the history does not say. */
    static Instant productionSince(ModelVersion version) {
        Instant since = version.getCreatedAt();
        for (StageChange change : version.getStageHistory()) {
            if (change.getStage() == ModelStage.PRODUCTION) {
                since = change.getAt();
            }
        }
        return since;
    }

    private static List<HistoryEntry> history(List<ModelVersion> versions, List<RetrainRequest> requests) {
        List<HistoryEntry> events = new ArrayList<>();
        for (ModelVersion v : versions) {
            if (v.getStageHistory().isEmpty()) {
                events.add(new HistoryEntry(v.getCreatedAt(), HistoryEntry.Kind.VERSION_STAGE,
                        "v" + v.getVersion() + " registered as " + v.getStage()));
            }
            for (StageChange change : v.getStageHistory()) {
                String reason = change.getReason().isBlank() ? "" : ": " + change.getReason();
                events.add(new HistoryEntry(change.getAt(), HistoryEntry.Kind.VERSION_STAGE,
                        "v" + v.getVersion() + " -> " + change.getStage() + reason
                                + (v.getRequestId() != null && change.getStage() == ModelStage.CANDIDATE
                                        ? " (request " + v.getRequestId() + ")" : "")));
            }
        }
        for (RetrainRequest r : requests) {
            String severity = r.getSeverity() == null ? "" : " " + r.getSeverity();
            events.add(new HistoryEntry(r.getRequestedAt(), HistoryEntry.Kind.RETRAIN_REQUEST,
                    "retrain requested by " + r.getRequester() + severity + " (" + r.getRequestId() + ")"
                            + (r.getReasons().isEmpty() ? "" : ": " + String.join("; ", r.getReasons()))));
        }
        events.sort(Comparator.comparing(HistoryEntry::at).reversed());
        return events;
    }

    private static String domainOf(String model, List<ModelVersion> versions, List<DriftReport> reports) {
        if (!versions.isEmpty()) {
            return versions.getFirst().getDomain();
        }
        return reports.stream().filter(r -> r.getModel().equals(model)).map(DriftReport::getDomain).findFirst()
                .orElseGet(() -> model.contains(".") ? model.substring(0, model.lastIndexOf('.')) : model);
    }

    /** Model names are {@code domain.detector}; a request may name just a domain. */
    private static boolean isModelName(String name) {
        return name.contains(".");
    }
}
