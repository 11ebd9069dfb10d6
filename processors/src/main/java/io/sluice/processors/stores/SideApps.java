package io.sluice.processors.stores;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * What the Kafka Streams applications beside the gateway (the observer, the batch coordinator)
 * share: exactly-once streams properties, and persistent cached stores keyed by string.
 */
public final class SideApps {
    private SideApps() {}

    /**
     * Exactly once, Sluice's client properties, the application id and state directory, one
     * stream thread, a transaction a second, and reading from the earliest offset.
     */
    public static Map<String, Object> exactlyOnceProperties(String applicationId, Map<String, Object> clientProperties,
            String stateDir) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // a transaction per second instead of ten: its readers can wait that long, and every commit
        // writes markers to each output and changelog partition the task touched
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        props.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        return props;
    }

    /** A persistent, cached key-value store named {@code name}, with string keys. */
    public static <V> StoreBuilder<?> keyValue(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }

    /** {@code serializer} for a sink that a processor forwards several value types through. */
    @SuppressWarnings("unchecked")
    public static <V> Serializer<Object> anyOf(Serializer<V> serializer) {
        return (Serializer<Object>) serializer;
    }
}
