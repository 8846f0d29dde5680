package dev.vigil.kit.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One caching client per registry URL and credentials, shared by every serde of the JVM. */
public final class SchemaRegistries {
    private static final Map<String, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    public static SchemaRegistryClient client(RegistrySettings settings) {
        if (settings.isMock()) {
            return MockSchemaRegistry.forScope(settings.url().substring("mock://".length()));
        }
        String key = settings.url() + '|' + settings.basicAuthUserInfo() + '|' + settings.truststoreLocation();
        return CLIENTS.computeIfAbsent(key, k -> new CachingSchemaRegistryClient(
                new RestSchemaRegistryClient(settings.url(), settings.basicAuthUserInfo(), settings.sslContext())));
    }
}
