package dev.vigil.ensemble.state;

import dev.vigil.kit.state.StateJson;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Typed, ordered state of a domain class: records stored as JSON in a {@link Backend}. The domain classes
 * keep their state here rather than in fields, so the same code runs on a fault-tolerant state store in the
 * app and on a map in tests, and nothing is lost when a task moves to another instance.
 */
public final class Journal {
    /** One stored entry. */
    public record Entry<T>(String key, T value) {
    }

    private final Backend backend;

    public Journal(Backend backend) {
        this.backend = backend;
    }

    public <T> T get(String key, Class<T> type) {
        String json = backend.get(key);
        return json == null ? null : StateJson.read(json, type);
    }

    public void put(String key, Object value) {
        backend.put(key, StateJson.write(value));
    }

    public void delete(String key) {
        backend.delete(key);
    }

    /** Every entry with the prefix, in key order. */
    public <T> List<Entry<T>> scan(String prefix, Class<T> type) {
        List<Entry<T>> out = new ArrayList<>();
        backend.scan(prefix, e -> out.add(new Entry<>(e.getKey(), StateJson.read(e.getValue(), type))));
        return out;
    }

    /**
     * Entries with the prefix in key order, read one at a time until the visitor returns false: for
     * time-ordered keys, where a scan can stop at the first entry that is still current.
     */
    public <T> void scanWhile(String prefix, Class<T> type, Predicate<Entry<T>> visitor) {
        backend.scan(prefix, e -> visitor.test(new Entry<>(e.getKey(), StateJson.read(e.getValue(), type))));
    }

    /** Deletes, in key order, the entries with the prefix for which {@code expired} holds, stopping at the first that does not. */
    public <T> int deleteWhile(String prefix, Class<T> type, Predicate<T> expired) {
        List<String> doomed = new ArrayList<>();
        backend.scan(prefix, e -> {
            if (!expired.test(StateJson.read(e.getValue(), type))) {
                return false;
            }
            doomed.add(e.getKey());
            return true;
        });
        doomed.forEach(backend::delete);
        return doomed.size();
    }

    /** Keys with a prefix, without reading the values. */
    public List<String> keys(String prefix) {
        List<String> out = new ArrayList<>();
        backend.scan(prefix, e -> out.add(e.getKey()));
        return out;
    }

    /** A time for use in keys: zero-padded so keys sort by time. */
    public static String time(long epochMillis) {
        return String.format("%015d", Math.max(0, epochMillis));
    }

    /** The time a key part written by {@link #time(long)} stands for. */
    public static long time(String part) {
        return Long.parseLong(part);
    }
}
