package dev.vigil.kit.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One caching client per registry URL and credentials, shared by every serde of the JVM. The cache is what
 * keeps an app running through a registry outage: schemas it has used are not asked for again.
 */
public final class SchemaRegistries {
    private static final Map<String, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    static void forget(String url) {
        CLIENTS.remove(url);
    }

    public static SchemaRegistryClient client(RegistrySettings settings) {
        if (settings.isMock()) {
            return CLIENTS.computeIfAbsent(settings.url(), k -> new CachingSchemaRegistryClient(
                    MockSchemaRegistry.forScope(settings.url().substring("mock://".length()))));
        }
        String key = settings.url() + '|' + settings.basicAuthUserInfo() + '|' + settings.truststoreLocation();
        return CLIENTS.computeIfAbsent(key, k -> new CachingSchemaRegistryClient(
                new RestSchemaRegistryClient(settings.url(), settings.basicAuthUserInfo(), settings.sslContext())));
    }
}
