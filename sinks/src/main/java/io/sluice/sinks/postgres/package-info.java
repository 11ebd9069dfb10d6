/**
 * The PostgreSQL sink: lands the {@code audit}, {@code responses} and {@code costs} topics in
 * tables analysts can query, exactly once. {@link io.sluice.sinks.postgres.PostgresSink} reads
 * with {@code read_committed}, writes each poll's records together with the consumer positions in
 * one database transaction, and restores its positions from the database, never from a consumer
 * group. The schema is created and migrated by the sink itself ({@code sluice_schema_version}).
 *
 * <p>Must not: commit offsets to Kafka, skip a record it cannot write, or log record contents.
 */
package io.sluice.sinks.postgres;
