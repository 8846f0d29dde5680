package dev.vigil.cli;

import dev.vigil.kit.config.VigilConfig;
import java.util.Map;

/** Configuration of CLI commands: the environment and config file, pointed at the dev stack when one is up. */
final class CliConfig {
    private CliConfig() {
    }

    static VigilConfig load() {
        return VigilConfig.load("cli", DevEnvironment.currentSettings());
    }

    static VigilConfig load(Map<String, String> overrides) {
        return load().with(overrides);
    }

    /** Who is acting, for stage-change reasons and labels. */
    static String operator() {
        return System.getProperty("user.name", "operator");
    }
}
