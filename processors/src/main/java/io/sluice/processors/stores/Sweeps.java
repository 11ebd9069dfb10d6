package io.sluice.processors.stores;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Incremental clean-up of a store: each call looks at up to {@code max} entries after a cursor, so
 * a large store is swept a slice per punctuation instead of stalling the stream thread.
 */
public final class Sweeps {
    private Sweeps() {}

    /** {@link #sweep(KeyValueStore, String, String, String, int, BiPredicate)} over the whole store. */
    public static <V> String sweep(KeyValueStore<String, V> store, String cursor, int max,
            BiPredicate<String, V> doomed) {
        return sweep(store, null, null, cursor, max, doomed);
    }

    /**
     * Deletes the entries between {@code from} and {@code to} (null: open) that {@code doomed}
     * selects (it may act on them first), among the next {@code max} after {@code cursor} (from the
     * start when null); returns the last key looked at, or null at the end of the range.
     */
    public static <V> String sweep(KeyValueStore<String, V> store, String from, String to, String cursor, int max,
            BiPredicate<String, V> doomed) {
        List<String> deleted = new ArrayList<>();
        String last = null;
        int seen = 0;
        try (KeyValueIterator<String, V> it = store.range(cursor == null ? from : cursor, to)) {
            while (it.hasNext() && seen < max) {
                KeyValue<String, V> entry = it.next();
                if (entry.key.equals(cursor)) {
                    continue;
                }
                seen++;
                last = entry.key;
                if (doomed.test(entry.key, entry.value)) {
                    deleted.add(entry.key);
                }
            }
            if (!it.hasNext()) {
                last = null;
            }
        }
        deleted.forEach(store::delete);
        return last;
    }
}
