package dev.vigil.kit.deadletter;

import dev.vigil.kit.config.VigilConfig;
import dev.vigil.kit.serde.RegistrySettings;
import dev.vigil.kit.topics.Topics;
import java.util.Map;
import java.util.TreeMap;

/** Rebuilds the app's name and registry settings from the Streams config map the handlers are configured with. */
record HandlerSettings(String app, RegistrySettings registry, Topics topics) {
    static HandlerSettings from(Map<String, ?> configs) {
        Map<String, String> vigil = new TreeMap<>();
        configs.forEach((k, v) -> {
            if (k.startsWith("vigil.") && v != null) {
                vigil.put(k, v.toString());
            }
        });
        String app = vigil.getOrDefault("vigil.app.name", "unknown");
        VigilConfig config = VigilConfig.of(app, vigil);
        return new HandlerSettings(app, RegistrySettings.from(config), new Topics(config));
    }

    /** The dead-letter topic for a record of this source topic (internal topics use the app's own). */
    String deadLetterTopic(String sourceTopic) {
        return topics.deadLetterTopic(sourceTopic, app);
    }
}
