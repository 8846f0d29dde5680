package dev.vigil.kit.serde;

/**
 * A registry client for URLs that are not {@code http://} or {@code https://}, found with {@link java.util.ServiceLoader}.
 * The production jars ship none; the kit's test-jar provides {@code mock://} (an in-memory registry) for tests, so no
 * test double is part of an app's image.
 */
public interface SchemaRegistryProvider {
    /** Whether this provider serves the URL. */
    boolean serves(String url);

    /** A client for the URL (called once per URL; {@link SchemaRegistries} caches it). */
    SchemaRegistryClient client(String url);
}
