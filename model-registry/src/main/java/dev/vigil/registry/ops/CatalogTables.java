package dev.vigil.registry.ops;

import dev.vigil.avro.ModelVersion;
import dev.vigil.avro.StageChange;
import dev.vigil.registry.ModelCatalog;
import dev.vigil.registry.ServingState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Plain-text views of the registry for operators ({@code vigil models list | show | history}) and the rollback rule. */
public final class CatalogTables {
    private CatalogTables() {
    }

    /**
     * One row per model: the announced production and staging versions, the version that serves (they differ
     * when production was refused, see {@link dev.vigil.registry.ServingState}), the newest version and its quality.
     */
    public static String list(ModelCatalog catalog) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"MODEL", "PRODUCTION", "SERVING", "STAGING", "LATEST", "LATEST STAGE", "CREATED", "THRESHOLD",
                "PR-AUC", "ALERT RATE"});
        for (String model : catalog.models()) {
            List<ModelVersion> versions = catalog.versions(model);
            ModelVersion latest = versions.getLast();
            rows.add(new String[]{model, marked(catalog, catalog.production(model)), version(catalog.serving(model)),
                    marked(catalog, catalog.staging(model)),
                    Integer.toString(latest.getVersion()), latest.getStage().name(), latest.getCreatedAt().toString(),
                    number(latest.getThreshold()), metric(latest, "pr_auc"), metric(latest, "alert_rate")});
        }
        return table(rows) + refusals(catalog) + unreadable(catalog);
    }

    /** A version number, marked when a serving app refused it (then it is not what serves). */
    private static String marked(ModelCatalog catalog, Optional<ModelVersion> v) {
        return v.map(x -> x.getVersion() + (catalog.refusal(x.getName(), x.getVersion()).isPresent() ? " (REFUSED)" : ""))
                .orElse("-");
    }

    /** A line per refused version that is announced in production or staging, with the reason. */
    public static String refusals(ModelCatalog catalog) {
        StringBuilder out = new StringBuilder();
        for (String model : catalog.models()) {
            for (Optional<ModelVersion> v : List.of(catalog.production(model), catalog.staging(model))) {
                v.ifPresent(x -> catalog.refusal(model, x.getVersion()).ifPresent(reason -> out.append(String.format(
                        Locale.ROOT, "%s v%d is announced %s but was refused: %s%n", model, x.getVersion(), x.getStage(), reason))));
            }
        }
        return out.toString();
    }

    /** A note per record of the versions topic that does not decode and was left out. */
    public static String unreadable(ModelCatalog catalog) {
        StringBuilder out = new StringBuilder();
        for (ModelCatalog.Unreadable u : catalog.unreadable()) {
            out.append(String.format(Locale.ROOT, "skipped unreadable record on %s at partition %d offset %d (key %s): %s%n",
                    u.topic(), u.partition(), u.offset(), u.key(), u.reason()));
        }
        return out.toString();
    }

    /** Every recorded field of one version. */
    public static String show(ModelVersion v) {
        StringBuilder out = new StringBuilder();
        line(out, "model", v.getName() + " version " + v.getVersion());
        line(out, "stage", v.getStage().name());
        line(out, "algorithm", v.getAlgorithm());
        line(out, "parameters", v.getParameters().toString());
        var data = v.getTrainingData();
        line(out, "training data", data.getTopic() + " windows " + data.getFromTime() + " .. " + data.getToTime());
        line(out, "offsets", "start " + data.getStartOffsets() + ", end " + data.getEndOffsets());
        line(out, "samples", data.getSampleCount() + " (" + data.getLabelledCount() + " labelled)");
        line(out, "threshold", number(v.getThreshold()) + " (target FPR " + number(v.getTargetFalsePositiveRate()) + ")");
        v.getValidation().forEach((k, value) -> line(out, "validation " + k, number(value)));
        line(out, "features", v.getFeatureNames().size() + ": " + String.join(", ", v.getFeatureNames()));
        line(out, "baseline sketches", v.getBaselineSketches().size() + " features" + (v.getScoreSketch() == null ? "" : " + score"));
        line(out, "artifact", v.getArtifactSize() + " bytes in " + v.getArtifactChunks() + " chunk(s), sha256 " + v.getArtifactSha256());
        line(out, "signature", v.getArtifactSignature() == null ? "unsigned" : "Ed25519, key " + v.getSigningKeyId());
        line(out, "parent version", v.getParentVersion() == null ? "-" : v.getParentVersion().toString());
        line(out, "request", v.getRequestId() == null ? "-" : v.getRequestId());
        line(out, "created", v.getCreatedAt().toString());
        for (StageChange c : v.getStageHistory()) {
            line(out, "stage change", c.getAt() + " " + c.getStage() + " " + c.getReason());
        }
        return out.toString();
    }

    /** Every stage change of every version of a model, oldest first. */
    public static String history(ModelCatalog catalog, String model) {
        record Change(Instant at, int version, StageChange change) {
        }
        List<Change> changes = new ArrayList<>();
        for (ModelVersion v : catalog.versions(model)) {
            v.getStageHistory().forEach(c -> changes.add(new Change(c.getAt(), v.getVersion(), c)));
        }
        changes.sort(Comparator.comparing(Change::at).thenComparing(Change::version));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"TIME", "VERSION", "STAGE", "REASON"});
        changes.forEach(c -> rows.add(new String[]{c.at().toString(), Integer.toString(c.version()),
                c.change().getStage().name(), c.change().getReason()}));
        return table(rows);
    }

    /**
     * The version a rollback returns to: the one that would serve without the current production version, by
     * the serving rule; that is the version it replaced, unless a serving app refused that one too.
     */
    public static Optional<ModelVersion> rollbackTarget(ModelCatalog catalog, String model) {
        ServingState state = catalog.state(model);
        ServingState withoutCurrent = state.production().map(state::deleted).orElse(state);
        return withoutCurrent.serving().flatMap(v -> catalog.version(model, v));
    }

    private static String version(Optional<ModelVersion> v) {
        return v.map(x -> Integer.toString(x.getVersion())).orElse("-");
    }

    private static String metric(ModelVersion v, String key) {
        Map<String, Double> validation = v.getValidation();
        Double value = validation.get(key);
        return value == null || value.isNaN() ? "-" : number(value);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4g", value);
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format(Locale.ROOT, "%-22s %s%n", key + ":", value));
    }

    static String table(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
