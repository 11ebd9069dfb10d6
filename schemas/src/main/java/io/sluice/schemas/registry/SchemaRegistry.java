package io.sluice.schemas.registry;

import org.apache.avro.Schema;

/**
 * What the serdes need from a schema registry: an id for a writer's schema under a subject, and the
 * schema behind an id. Implementations cache; both calls are on the hot path only on a cache miss.
 */
public interface SchemaRegistry {

    /**
     * Registers {@code schema} under {@code subject} (or finds it already registered) and returns
     * its global id.
     *
     * @throws SchemaRegistryException if the registry refuses it, e.g. as incompatible
     */
    int register(String subject, Schema schema);

    /**
     * @throws SchemaRegistryException if no schema has that id
     */
    Schema schemaById(int id);
}
