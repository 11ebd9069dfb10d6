/**
 * Schema registries for the Avro serdes: {@link io.sluice.schemas.registry.SchemaRegistry} is what a
 * serde needs; {@link io.sluice.schemas.registry.InMemorySchemaStore} holds subjects and ids and
 * enforces BACKWARD compatibility; {@link io.sluice.schemas.registry.RestSchemaRegistryClient}
 * speaks the Confluent REST API to an external registry; in embedded mode
 * {@link io.sluice.schemas.registry.SchemaRegistryServer} serves that API over a store that
 * {@link io.sluice.schemas.registry.KafkaSchemaLog} persists in a compacted topic.
 *
 * <p>Must not know about Sluice's stages, topics other than the one it is given, or Netty; only
 * the client and the log reach the network, and only on a cache miss or a new registration.
 */
package io.sluice.schemas.registry;
