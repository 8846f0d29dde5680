package dev.vigil.aggregator.stream;

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
        if (key != null && accepts(key, entity)) {
            return null;
        }
        return "key " + (key == null ? "null" : "'" + key + "'") + " does not match the value's entity '" + entity
                + "' (key by the entity, or set vigil.aggregator.rekey=true)";
    }

    /**
     * True when {@code key} is exactly {@code Entities.peer(collector, asn, address)}, checked without building that
     * name (a concatenation per BGP update, the common case); false sends the caller to {@link #problem}.
     */
    static boolean namesPeer(String key, String collector, long asn, String address) {
        if (key == null || collector == null || asn < 0 || !key.startsWith("peer:") || !key.startsWith(collector, 5)
                || !key.startsWith("|AS", 5 + collector.length())) {
            return false;
        }
        int at = 8 + collector.length();
        int digits = 0;
        long value = 0;
        while (at + digits < key.length() && key.charAt(at + digits) >= '0' && key.charAt(at + digits) <= '9' && digits < 19) {
            value = value * 10 + (key.charAt(at + digits) - '0');
            digits++;
        }
        if (digits == 0 || value != asn || (digits > 1 && key.charAt(at) == '0')) {
            return false;
        }
        at += digits;
        if (address == null || address.isEmpty()) {
            return at == key.length();
        }
        return key.length() == at + 1 + address.length() && key.charAt(at) == '|' && key.startsWith(address, at + 1);
    }

    /** Called for every input record, so the common case (the key is the entity) costs one comparison. */
    static boolean accepts(String key, String entity) {
        if (key.equals(entity)) {
            return true;
        }
        String bare = entity.substring(entity.indexOf(':') + 1);
        if (key.equals(bare)) {
            return true;
        }
        String plain = withoutAsPrefix(bare);
        return key.equals(plain) || key.equals(plain + "|");
    }

    /** {@code rrc00|AS64500|192.0.2.1} as {@code rrc00|64500|192.0.2.1}: the first "|AS" before a digit loses its "AS". */
    private static String withoutAsPrefix(String bare) {
        for (int at = bare.indexOf("|AS"); at >= 0; at = bare.indexOf("|AS", at + 1)) {
            if (at + 3 < bare.length() && bare.charAt(at + 3) >= '0' && bare.charAt(at + 3) <= '9') {
                return bare.substring(0, at + 1) + bare.substring(at + 3);
            }
        }
        return bare;
    }
}
