/**
 * Kafka serdes for Sluice's generated Avro records in the Confluent wire format, resolving each
 * record's writer schema through a {@link io.sluice.schemas.registry.SchemaRegistry}.
 *
 * <p>Must not hold a registry's lifecycle (whoever builds the topic registry owns it) nor reach
 * the network except through the registry on a cache miss.
 */
package io.sluice.schemas.serde;
