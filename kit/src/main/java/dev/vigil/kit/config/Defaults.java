package dev.vigil.kit.config;

import java.util.Map;
import java.util.TreeMap;

/** Built-in defaults shared by every app. Each is documented in README's configuration table. */
final class Defaults {
    private Defaults() {
    }

    static Map<String, String> values() {
        Map<String, String> d = new TreeMap<>();
        d.put("kafka.bootstrap.servers", "127.0.0.1:9092");
        d.put("kafka.processing.guarantee", "exactly_once_v2");
        d.put("kafka.num.stream.threads", "1");
        d.put("kafka.replication.factor", "-1");
        // kafka.state.dir has no fixed default: StreamsProperties gives each cluster its own folder.
        d.put("vigil.schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7");
        d.put("vigil.schema.registry.auto.register.schemas", "true");
        d.put("vigil.schema.registry.subject.name.strategy", "topic");
        d.put("vigil.topics.partitions", "3");
        d.put("vigil.topics.replication.factor", "-1");
        d.put("vigil.topics.create", "true");
        d.put("vigil.http.host", "0.0.0.0");
        d.put("vigil.http.port", "8080");
        return d;
    }
}
