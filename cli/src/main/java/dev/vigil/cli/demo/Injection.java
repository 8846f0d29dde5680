package dev.vigil.cli.demo;

import java.time.Instant;
import java.util.List;

/** An anomaly the demo injects: what kind, into which entities, and when (event time). */
public record Injection(Kind kind, String domain, List<String> entities, Instant start, Instant end) {
    public enum Kind {
        ERROR_SPIKE, LATENCY_SPIKE, TRAFFIC_SPIKE, TRAFFIC_DROP, COMBINED, WORM_STORM, ROUTE_LEAK, OUTAGE
    }

    public boolean covers(String entity, Instant windowStart, Instant windowEnd) {
        return entities.contains(entity) && start.isBefore(windowEnd) && end.isAfter(windowStart);
    }

    public boolean activeAt(String entity, Instant t) {
        return entities.contains(entity) && !t.isBefore(start) && t.isBefore(end);
    }

    public String category() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
