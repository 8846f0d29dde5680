package dev.vigil.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kit will see it: ConfigMap values, literal values, $(VAR) references
 * expanded as the kubelet does, and Secret references replaced by a marker naming the Secret key.
 */
final class Env {
    static final String SECRET_MARKER = "secret:";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private Env() {
    }

    /** The kit's documented mapping: lower case, '_' becomes '.'. */
    static String settingKey(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The vigil.* and kafka.* settings the kit derives from these variables. */
    static Map<String, String> settings(Map<String, ?> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            if (name.startsWith("VIGIL_") || name.startsWith("KAFKA_")) {
                out.put(settingKey(name), String.valueOf(value));
            }
        });
        return out;
    }

    /** Resolves a container's envFrom ConfigMaps and env entries (later entries win, as in Kubernetes). */
    static Map<String, String> of(Manifests manifests, Map<String, Object> container) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object source : list(container.get("envFrom"))) {
            Object configMap = Resource.walk(source, "configMapRef", "name");
            if (configMap != null) {
                manifests.get("ConfigMap", configMap.toString()).map("data").forEach((k, v) -> out.put(k, String.valueOf(v)));
            }
        }
        for (Object e : list(container.get("env"))) {
            Map<?, ?> entry = (Map<?, ?>) e;
            out.put((String) entry.get("name"), value(manifests, entry, out));
        }
        return out;
    }

    private static String value(Manifests manifests, Map<?, ?> entry, Map<String, String> earlier) {
        if (entry.get("value") != null) {
            return expand(entry.get("value").toString(), earlier);
        }
        Object secret = Resource.walk(entry, "valueFrom", "secretKeyRef");
        if (secret != null) {
            return SECRET_MARKER + Resource.walk(secret, "name") + "/" + Resource.walk(secret, "key");
        }
        Object configMap = Resource.walk(entry, "valueFrom", "configMapKeyRef");
        if (configMap != null) {
            return String.valueOf(manifests.get("ConfigMap", Resource.walk(configMap, "name").toString())
                    .map("data").get(Resource.walk(configMap, "key").toString()));
        }
        Object field = Resource.walk(entry, "valueFrom", "fieldRef", "fieldPath");
        return "field:" + field;
    }

    private static String expand(String value, Map<String, String> earlier) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = earlier.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
