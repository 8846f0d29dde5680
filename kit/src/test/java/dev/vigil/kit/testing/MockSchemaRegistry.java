package dev.vigil.kit.testing;

import dev.vigil.kit.serde.SchemaRegistryClient;
import dev.vigil.kit.serde.SchemaRegistries;
import dev.vigil.kit.serde.SchemaRegistryException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * An in-memory registry for fast unit tests, reached with {@code mock://<scope>} URLs as in Confluent's
 * testing convention (through {@link MockSchemaRegistryProvider}, which the kit's test-jar registers as a
 * {@link dev.vigil.kit.serde.SchemaRegistryProvider}): every serde configured with the same scope shares one registry. It checks BACKWARD
 * compatibility within a subject like the real registry does.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {
    private static final Map<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final List<Schema> schemas = new ArrayList<>();
    private final Map<String, List<Integer>> subjects = new HashMap<>();
    private volatile boolean unavailable;

    public static MockSchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistry());
    }

    /** Forgets a scope, so a later test starts with an empty registry. */
    public static void drop(String scope) {
        SCOPES.remove(scope);
        SchemaRegistries.forget("mock://" + scope);
    }

    /** Simulates an outage: every request fails as an unreachable registry's would, until switched back. */
    public void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    private void reachable() {
        if (unavailable) {
            throw new SchemaRegistryException("registry mock:// unreachable (simulated outage)",
                    new java.net.ConnectException("simulated outage"));
        }
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        reachable();
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        for (int id : versions) {
            if (schemas.get(id - 1).equals(schema)) {
                return id;
            }
        }
        if (!versions.isEmpty()) {
            Schema latest = schemas.get(versions.getLast() - 1);
            var result = SchemaCompatibility.checkReaderWriterCompatibility(schema, latest).getType();
            if (result != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for subject \""
                        + subject + "\" (BACKWARD)", 409);
            }
        }
        int id = indexOf(schema);
        versions.add(id);
        return id;
    }

    private int indexOf(Schema schema) {
        int existing = schemas.indexOf(schema);
        if (existing >= 0) {
            return existing + 1;
        }
        schemas.add(schema);
        return schemas.size();
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        reachable();
        for (int id : subjects.getOrDefault(subject, List.of())) {
            if (schemas.get(id - 1).equals(schema)) {
                return id;
            }
        }
        throw new SchemaRegistryException("Schema not found under subject \"" + subject + "\" (auto-registration is off)", 404);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        reachable();
        if (id < 1 || id > schemas.size()) {
            throw new SchemaRegistryException("Schema id " + id + " is not known to the registry mock://", 404);
        }
        return schemas.get(id - 1);
    }
}
