package io.sluice.schemas.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic together with the serdes of its keys and values, so that producers and consumers of
 * one topic cannot disagree about its format.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
    }
}
