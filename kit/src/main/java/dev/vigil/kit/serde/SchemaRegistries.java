package dev.vigil.kit.serde;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One caching client per registry URL and credentials, shared by every serde of the JVM. The cache is what
 * keeps an app running through a registry outage: schemas it has used are not asked for again.
 */
public final class SchemaRegistries {
    private static final Map<String, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    /** Drops the cached client of a URL, so the next serde asks its provider again (tests that reset a mock:// registry). */
    public static void forget(String url) {
        CLIENTS.remove(url);
    }

    public static SchemaRegistryClient client(RegistrySettings settings) {
        if (!settings.isHttp()) {
            return CLIENTS.computeIfAbsent(settings.url(), k -> new CachingSchemaRegistryClient(provided(settings.url())));
        }
        String key = settings.url() + '|' + settings.basicAuthUserInfo() + '|' + settings.truststoreLocation();
        return CLIENTS.computeIfAbsent(key, k -> new CachingSchemaRegistryClient(
                new RestSchemaRegistryClient(settings.url(), settings.basicAuthUserInfo(), settings.sslContext())));
    }

    /** The client a {@link SchemaRegistryProvider} on the class path gives for a URL that is not HTTP. */
    private static SchemaRegistryClient provided(String url) {
        for (SchemaRegistryProvider provider : ServiceLoader.load(SchemaRegistryProvider.class)) {
            if (provider.serves(url)) {
                return provider.client(url);
            }
        }
        throw new IllegalArgumentException("vigil.schema.registry.url " + url + " is not an http:// or https:// URL "
                + "(mock:// is for tests: the kit's test-jar provides it)");
    }
}
