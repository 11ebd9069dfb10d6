package io.sluice.processors.gateway;

import io.sluice.avro.CostRecord;
import io.sluice.processors.finops.Ledger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The gateway's state stores: RocksDB, changelogged, all keyed within one tenant's stream task.
 * Their names are part of the changelog topic names; renaming one loses its state.
 */
final class GatewayStores {
    /** GCRA theoretical arrival times per tenant and key limit. */
    static final String RATE_LIMITS = "rate-limits";
    /** Committed and reserved spend per tenant budget and period. */
    static final String BUDGETS = "budgets";
    /** Reservations of requests in flight, by request id. */
    static final String RESERVATIONS = "reservations";
    /** Request ids whose response was settled, with when, to drop replays. */
    static final String SETTLED = "settled";
    /** Running cost totals per tenant x app x model x hour and day. */
    static final String COST_TOTALS = "cost-totals";
    /** Budgets and totals changed since they were last published. */
    static final String DIRTY = "finops-dirty";

    /** Fresh answers by cache key. */
    static final String RESPONSE_CACHE = "response-cache";
    /** Calls in flight that identical requests wait for, by cache key (and request id to key). */
    static final String CACHE_CALLS = "cache-calls";

    /**
     * Tenants created through the admin API: a global store over the compacted {@code tenants}
     * topic (which is its changelog), so every task knows every tenant within a poll of its change.
     */
    static final String TENANTS = "tenants-directory";

    /** The model registry: a global store over the compacted {@code models} topic, like {@link #TENANTS}. */
    static final String MODELS = "models-registry";

    /**
     * Published prompts with their labels: a global store over the compacted {@code prompts}
     * topic, like {@link #TENANTS}, read by the render stage.
     */
    static final String PROMPTS = "prompts-registry";

    /**
     * When each tenant was first admitted to each registry version, by {@code tenant/model@version}
     * (epoch millis): who may keep calling a version once it is DEPRECATED.
     */
    static final String MODEL_USES = "model-first-use";

    static final String[] ADMISSION = {RATE_LIMITS};
    static final String[] MODEL_ADMISSION = {MODEL_USES};
    static final String[] RESERVATION = {BUDGETS, RESERVATIONS, SETTLED, DIRTY};
    static final String[] LOOKUP = {RESPONSE_CACHE, CACHE_CALLS};
    static final String[] SETTLEMENT = {RATE_LIMITS, BUDGETS, RESERVATIONS, SETTLED, COST_TOTALS, DIRTY, RESPONSE_CACHE,
        CACHE_CALLS};

    private GatewayStores() {}

    static void addTo(StreamsBuilder builder) {
        builder.addStateStore(store(RATE_LIMITS, Serdes.Long()));
        builder.addStateStore(store(BUDGETS, Ledger.budgetSerde()));
        builder.addStateStore(store(RESERVATIONS, Ledger.reservationSerde()));
        builder.addStateStore(store(SETTLED, Serdes.Long()));
        builder.addStateStore(store(COST_TOTALS, Ledger.avroSerde(CostRecord.getEncoder(), CostRecord.getDecoder())));
        builder.addStateStore(store(DIRTY, Serdes.Long()));
        builder.addStateStore(store(RESPONSE_CACHE, Serdes.ByteArray()));
        builder.addStateStore(store(CACHE_CALLS, Serdes.ByteArray()));
        builder.addStateStore(store(MODEL_USES, Serdes.Long()));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        // cached: repeated writes of one key between commits (totals, budgets, limits, a reservation
        // made and settled) reach RocksDB and the changelog once per commit instead of every time
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }
}
