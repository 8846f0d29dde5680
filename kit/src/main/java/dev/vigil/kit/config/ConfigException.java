package dev.vigil.kit.config;

/** A setting is missing or invalid; the message names the setting and its environment variable. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
