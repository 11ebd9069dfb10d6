/**
 * The observer: a Kafka Streams application beside the gateway, off the request path, that turns
 * what the other components emit into what analysts read. It hash-chains {@code audit.raw} onto
 * {@code audit} (each event once, at most one outcome per request), aggregates {@code responses}
 * and the chained audit into per-minute {@code metrics}, and raises and clears {@code alerts}.
 * Entry points: {@link io.sluice.processors.observe.ObserverTopology}.
 */
package io.sluice.processors.observe;
