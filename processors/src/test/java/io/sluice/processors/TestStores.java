package io.sluice.processors;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Real in-memory key-value stores for unit tests of logic that works on stores, opened against a
 * mock processor context (no topology, no changelog).
 */
public final class TestStores {
    /** Shared: stores only take metrics and config from it, and each new one logs its whole config. */
    private static final MockProcessorContext<Object, Object> CONTEXT = new MockProcessorContext<>();

    private TestStores() {}

    /** A fresh, initialised, empty store named {@code name}. */
    public static <K, V> KeyValueStore<K, V> open(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keySerde, valueSerde)
                .withLoggingDisabled()
                .build();
        store.init(CONTEXT.getStateStoreContext(), store);
        return store;
    }
}
