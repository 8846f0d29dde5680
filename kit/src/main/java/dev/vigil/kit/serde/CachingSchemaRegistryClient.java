package dev.vigil.kit.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/** Caches ids and schemas: the registry is asked once per schema and subject, not once per record. */
final class CachingSchemaRegistryClient implements SchemaRegistryClient {
    private final SchemaRegistryClient delegate;
    // Keyed by subject, then by the schema object: no schema is turned into JSON on the per-record path.
    private final Map<String, Map<Schema, Integer>> registered = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> looked = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    CachingSchemaRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        return registered.computeIfAbsent(subject, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(schema, k -> remember(delegate.register(subject, schema), schema));
    }

    @Override
    public int lookup(String subject, Schema schema) {
        return looked.computeIfAbsent(subject, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(schema, k -> remember(delegate.lookup(subject, schema), schema));
    }

    @Override
    public Schema schemaById(int id) {
        return byId.computeIfAbsent(id, delegate::schemaById);
    }

    private int remember(int id, Schema schema) {
        byId.putIfAbsent(id, schema);
        return id;
    }
}
