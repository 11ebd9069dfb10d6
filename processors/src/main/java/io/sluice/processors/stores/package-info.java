/** Helpers for the gateway's Kafka Streams state stores; no store of their own, no topology. */
package io.sluice.processors.stores;
