package dev.vigil.kit.serde;

import org.apache.avro.Schema;

/** The part of the Confluent Schema Registry API that Vigil's serde uses. */
public interface SchemaRegistryClient {
    /** Registers a schema under a subject (or finds it when already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under a subject; fails when it is not registered. */
    int lookup(String subject, Schema schema);

    /** The schema with a global id; fails with {@link SchemaRegistryException} when the id is unknown. */
    Schema schemaById(int id);
}
