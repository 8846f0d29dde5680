package dev.vigil.ensemble.state;

import java.util.Map;
import java.util.function.Predicate;

/** Ordered string key-value storage: a Kafka Streams state store in the app, a sorted map in tests. */
public interface Backend {
    String get(String key);

    void put(String key, String value);

    void delete(String key);

    /** Visits the entries whose key starts with the prefix, in key order, until the visitor returns false. */
    void scan(String prefix, Predicate<Map.Entry<String, String>> visitor);
}
