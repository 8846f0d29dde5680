package dev.vigil.kit.topics;

import java.util.Map;

/**
 * A topic Vigil needs: its name, partition count, replication factor (-1 takes the broker's default) and
 * topic-level configs (cleanup policy, retention, message size).
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    public TopicSpec {
        configs = Map.copyOf(configs);
    }
}
