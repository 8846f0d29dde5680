package dev.vigil.retrainer;

import dev.vigil.schemas.Entities;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which of a domain's features its models are trained on ({@code vigil.retrainer.features.<domain>}: comma-separated
 * names, {@code *} matching any run of characters). By default BGP peers train on their features relative to the
 * peer's own baseline ({@code *.ratio}, {@code *.z}) only: absolute volumes differ tenfold between peers, so a model
 * that sees them fires on the normal minutes of a busier peer it was not trained on (measured by
 * {@code vigil bench detect --suite bgp}, which trains on the same features). Every other domain uses all its
 * features. When the patterns match none of a schema's features (labelled files replayed without relative
 * features), all of them are used. Detectors score by feature name, so a model trained on a subset scores the full
 * vectors.
 */
public final class FeatureSelection {
    public static final String PREFIX = RetrainerSettings.PREFIX + "features.";
    static final List<String> BGP_PEER_DEFAULT = List.of("*.ratio", "*.z");

    private final Map<String, List<Pattern>> byDomain;

    private FeatureSelection(Map<String, List<Pattern>> byDomain) {
        this.byDomain = byDomain;
    }

    /** Every feature of every domain. */
    public static FeatureSelection all() {
        return new FeatureSelection(Map.of());
    }

    public static FeatureSelection from(Map<String, String> config) {
        Map<String, List<String>> globs = new TreeMap<>();
        globs.put(Entities.BGP_PEER, BGP_PEER_DEFAULT);
        config.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                globs.put(key.substring(PREFIX.length()),
                        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
            }
        });
        Map<String, List<Pattern>> patterns = new TreeMap<>();
        globs.forEach((domain, list) -> {
            if (!list.isEmpty()) {
                patterns.put(domain, list.stream().map(FeatureSelection::glob).toList());
            }
        });
        return new FeatureSelection(patterns);
    }

    /** The features of {@code schema} the domain's models train on, in schema order. */
    public List<String> select(String domain, List<String> schema) {
        List<Pattern> patterns = byDomain.get(domain);
        if (patterns == null) {
            return schema;
        }
        List<String> chosen = schema.stream().filter(f -> patterns.stream().anyMatch(p -> p.matcher(f).matches())).toList();
        return chosen.isEmpty() ? schema : chosen;
    }

    private static Pattern glob(String glob) {
        return Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
