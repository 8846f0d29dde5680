package dev.vigil.kit.serde;

/**
 * Tells a registry outage (unreachable, 5xx, timeout: the record is fine, try again later) from a refusal
 * that is the record's own fault (an unknown schema id: the record will never decode).
 */
public final class RegistryOutage {
    private RegistryOutage() {
    }

    /** True when the failure, or one of its causes, is the registry being away rather than the record being bad. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException e) {
                int status = e.httpStatus();
                return status == -1 || status == 408 || status == 429 || status >= 500;
            }
        }
        return false;
    }
}
