package dev.vigil.kit.testing;

import dev.vigil.kit.serde.SchemaRegistryClient;
import dev.vigil.kit.serde.SchemaRegistryProvider;

/** Serves {@code mock://<scope>} registry URLs with the in-memory {@link MockSchemaRegistry} of that scope. */
public final class MockSchemaRegistryProvider implements SchemaRegistryProvider {
    private static final String SCHEME = "mock://";

    @Override
    public boolean serves(String url) {
        return url.startsWith(SCHEME);
    }

    @Override
    public SchemaRegistryClient client(String url) {
        return MockSchemaRegistry.forScope(url.substring(SCHEME.length()));
    }
}
