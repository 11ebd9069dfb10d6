/**
 * The batch coordinator: a Kafka Streams application (exactly once, keyed by tenant) that runs
 * OpenAI Batch API batches from {@code batch.commands} (sending their lines to {@code requests} in
 * slices, counting their {@code responses} once each, writing output and error files to
 * {@code files}) and counts Kafka-native batches, publishing every batch's state on {@code batches}
 * and its status changes on {@code audit.raw}. Public face: {@link io.sluice.processors.batch.BatchTopology}
 * and {@link io.sluice.processors.batch.BatchSettings}. It never calls a provider and never
 * decides admission: every request it sends goes through the gateway like any other.
 */
package io.sluice.processors.batch;
