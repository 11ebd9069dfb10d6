/**
 * Kafka plumbing for the app: the in-process KRaft broker of embedded mode and topic creation.
 * Components get client properties from here and never start brokers themselves.
 */
package io.sluice.app.kafka;
