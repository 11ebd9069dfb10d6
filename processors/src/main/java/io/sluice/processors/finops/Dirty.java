package io.sluice.processors.finops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The budgets and cost totals changed since they were last published, in a store so that a crash
 * between a change and its publication still publishes it after the restore.
 */
public final class Dirty {
    public static final char BUDGET = 'b';
    public static final char COST = 'c';

    private final KeyValueStore<String, Long> store;

    public Dirty(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    void mark(char kind, String key) {
        store.put(kind + key, 0L);
    }

    /** Removes and returns up to {@code max} changed keys with their kind. */
    public List<Map.Entry<Character, String>> drain(int max) {
        List<Map.Entry<Character, String>> out = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            while (it.hasNext() && out.size() < max) {
                KeyValue<String, Long> entry = it.next();
                out.add(Map.entry(entry.key.charAt(0), entry.key.substring(1)));
            }
        }
        out.forEach(e -> store.delete(e.getKey() + e.getValue()));
        return out;
    }
}
