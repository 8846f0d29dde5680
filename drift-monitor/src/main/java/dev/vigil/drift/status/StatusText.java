package dev.vigil.drift.status;

import dev.vigil.avro.DistributionDrift;
import dev.vigil.avro.DriftReport;
import dev.vigil.avro.RetrainRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The text form of a {@link StatusView}: a table of models, then details per model. */
final class StatusText {
    private static final String ROW = "%-34s %-6s %-8s %-9s %-7s %-9s %-9s %s%n";

    private StatusText() {
    }

    static String render(StatusView view, int historyLines) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "MODEL", "SERVES", "AGE", "DRIFT", "PERSIST", "MAX KS", "ALERTS", "OPEN REQUESTS"));
        for (ModelStatus m : view.models()) {
            Optional<DriftReport> d = m.latestDrift();
            out.append(String.format(Locale.ROOT, ROW, m.model(),
                    m.servingVersion().map(v -> "v" + v).orElse("-"),
                    m.servingAge().map(StatusText::age).orElse("-"),
                    d.map(r -> r.getSeverity() + (r.getConfirmed() ? "!" : "")).orElse("-"),
                    d.map(r -> Integer.toString(r.getConsecutiveWindows())).orElse("-"),
                    d.flatMap(StatusText::maxKs).map(StatusText::number).orElse("-"),
                    d.map(StatusText::alerts).orElse("-"),
                    m.openRequests().size()));
        }
        for (ModelStatus m : view.models()) {
            out.append('\n').append(m.model()).append('\n');
            m.latestDrift().ifPresent(r -> out.append("  latest check: window ").append(r.getWindowStart())
                    .append(" .. ").append(r.getWindowEnd()).append(", ").append(r.getReference())
                    .append(", ").append(String.join("; ", r.getReasons())).append('\n'));
            for (RetrainRequest r : m.openRequests()) {
                out.append("  open request ").append(r.getRequestId()).append(" since ").append(r.getRequestedAt())
                        .append(" by ").append(r.getRequester()).append('\n');
            }
            m.history().stream().limit(historyLines).forEach(h -> out.append("  ").append(h.at()).append("  ")
                    .append(h.description()).append('\n'));
        }
        return out.toString();
    }

    /** Largest KS distance over the features of a check. */
    private static Optional<Double> maxKs(DriftReport r) {
        return r.getFeatures().stream().map(DistributionDrift::getKs).filter(k -> !Double.isNaN(k))
                .max(Double::compare);
    }

    private static String alerts(DriftReport r) {
        if (r.getAlertRate() == null) {
            return "-";
        }
        return number(r.getAlertRate()) + (r.getExpectedAlertRate() == null ? "" : "/" + number(r.getExpectedAlertRate()));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String age(Duration d) {
        long hours = d.toHours();
        if (hours >= 48) {
            return d.toDays() + "d" + (hours % 24 > 0 ? hours % 24 + "h" : "");
        }
        if (hours >= 1) {
            return hours + "h" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "");
        }
        return d.toMinutes() + "m";
    }
}
