package dev.vigil.aggregator.stream;

import java.util.Set;

/**
 * The keys an input record may carry without re-keying: its entity ({@code peer:rrc00|AS64500|192.0.2.1},
 * {@code service:checkout}, {@code metric:host1|cpu}) or the same without the kind prefix and "AS"
 * ({@code rrc00|64500|192.0.2.1}, {@code checkout}, {@code host1|cpu}), the form producers that know nothing of
 * Vigil's entity names use. Either keeps one source on one key; any other key would put part of the
 * entity's records in a state of their own and split its window, so the record is dead-lettered (or, with
 * {@code vigil.aggregator.rekey=true}, re-keyed by entity).
 */
final class InputKeys {
    private InputKeys() {
    }

    static String problem(String key, String entity) {
        if (key != null && accepted(entity).contains(key)) {
            return null;
        }
        return "key " + (key == null ? "null" : "'" + key + "'") + " does not match the value's entity '" + entity
                + "' (key by the entity, or set vigil.aggregator.rekey=true)";
    }

    static Set<String> accepted(String entity) {
        int colon = entity.indexOf(':');
        String bare = colon < 0 ? entity : entity.substring(colon + 1);
        String plain = bare.replaceFirst("\\|AS(\\d+)", "|$1");
        return new java.util.HashSet<>(java.util.List.of(entity, bare, plain, plain + "|"));
    }
}
