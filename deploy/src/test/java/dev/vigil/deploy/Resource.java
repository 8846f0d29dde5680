package dev.vigil.deploy;

import java.util.List;
import java.util.Map;

/** One Kubernetes object parsed from YAML, with helpers to walk its nested maps and lists. */
record Resource(Map<String, Object> body, String source) {

    String kind() {
        return (String) body.get("kind");
    }

    String name() {
        return string("metadata", "name");
    }

    Map<String, Object> labels() {
        Map<String, Object> labels = map("metadata", "labels");
        return labels == null ? Map.of() : labels;
    }

    /** The value at a path of map keys and list indexes, or null when any step is missing. */
    Object at(Object... path) {
        return walk(body, path);
    }

    static Object walk(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (step instanceof Integer index && current instanceof List<?> list) {
                current = index < list.size() ? list.get(index) : null;
            } else if (step instanceof String key && current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    String string(Object... path) {
        Object value = at(path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object... path) {
        return (Map<String, Object>) at(path);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Object... path) {
        Object value = at(path);
        return value == null ? List.of() : (List<Object>) value;
    }

    /** The pod template's containers of a workload (Deployment, StatefulSet, Job). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> containers() {
        return (List<Map<String, Object>>) (List<?>) list("spec", "template", "spec", "containers");
    }

    Map<String, Object> container(String name) {
        return containers().stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(kind() + " " + name() + " has no container " + name));
    }

    @Override
    public String toString() {
        return kind() + "/" + name() + " (" + source + ")";
    }
}
