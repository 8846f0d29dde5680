package dev.vigil.kit.deadletter;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.RegistrySettings;
import java.util.Map;
import java.util.TreeMap;

/** Rebuilds the app's name and registry settings from the Streams config map the handlers are configured with. */
record HandlerSettings(String app, RegistrySettings registry) {
    static HandlerSettings from(Map<String, ?> configs) {
        Map<String, String> vigil = new TreeMap<>();
        configs.forEach((k, v) -> {
            if (k.startsWith("vigil.") && v != null) {
                vigil.put(k, v.toString());
            }
        });
        String app = vigil.getOrDefault("vigil.app.name", "unknown");
        return new HandlerSettings(app, RegistrySettings.from(VigilConfig.of(app, vigil)));
    }
}
