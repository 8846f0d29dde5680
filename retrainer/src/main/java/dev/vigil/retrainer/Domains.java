package dev.vigil.retrainer;

import dev.vigil.kit.topics.Topics;
import dev.vigil.registry.ModelKeys;
import java.util.List;

/** Feature domains, the topic each is read from, and what a request's {@code model} field names. */
public final class Domains {
    public static final List<String> ALL = List.of("bgp-peer", "bgp-origin", "telemetry-service", "telemetry-metric");

    private Domains() {
    }

    /** Default name of the feature topic of a domain: bgp-* domains on features.bgp, telemetry-* on features.telemetry. */
    public static String featureTopic(String domain) {
        if (domain.startsWith("bgp")) {
            return Topics.FEATURES_BGP;
        }
        if (domain.startsWith("telemetry")) {
            return Topics.FEATURES_TELEMETRY;
        }
        throw new IllegalArgumentException("unknown domain " + domain + ": expected bgp-* or telemetry-*");
    }

    /** Whether the domain has a feature topic. */
    public static boolean isKnown(String domain) {
        return domain.startsWith("bgp") || domain.startsWith("telemetry");
    }

    /**
     * The models a request covers: a model name ({@code bgp-peer.isolation-forest}) is itself; a bare domain
     * ({@code bgp-peer}) means each of the given detector types.
     */
    public static List<String> models(String requested, List<String> detectors) {
        if (requested.contains(".")) {
            return List.of(requested);
        }
        return detectors.stream().map(d -> ModelKeys.modelName(requested, d)).toList();
    }
}
