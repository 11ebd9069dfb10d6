/**
 * Contracts shared by every Sluice component: the Avro records (generated into {@code io.sluice.avro}),
 * their Confluent wire-format serdes, the schema registry client and server, and the typed topic
 * registry. Nothing here knows about HTTP handling, stream processing or providers.
 */
package io.sluice.schemas;
