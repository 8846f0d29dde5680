package dev.vigil.kit.config;

import java.util.Locale;

/** Recognises settings that hold credentials, so they are never logged. */
public final class Secrets {
    private Secrets() {
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("sasl.jaas.config") || k.contains("user.info")
                || k.contains("secret") || k.contains("token") || k.endsWith(".key");
    }
}
