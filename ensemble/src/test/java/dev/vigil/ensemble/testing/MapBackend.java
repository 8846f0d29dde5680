package dev.vigil.ensemble.testing;

import dev.vigil.ensemble.state.Backend;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An in-memory {@link Backend}: {@code new Journal(new MapBackend())} for tests of the domain classes and for the
 * benchmarks. A test fixture: ensemble's test-jar publishes this package, the app's jar does not hold it.
 */
public final class MapBackend implements Backend {
    private final TreeMap<String, String> entries = new TreeMap<>();

    @Override
    public String get(String key) {
        return entries.get(key);
    }

    @Override
    public void put(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public void scan(String prefix, Predicate<Map.Entry<String, String>> visitor) {
        // A copy of the prefix's range, so a visitor may change the map (as a state store iterator allows).
        for (var e : new TreeMap<>(entries.subMap(prefix, true, prefix + Character.MAX_VALUE, true)).entrySet()) {
            if (!e.getKey().startsWith(prefix) || !visitor.test(Map.entry(e.getKey(), e.getValue()))) {
                return;
            }
        }
    }

    public int size() {
        return entries.size();
    }
}
