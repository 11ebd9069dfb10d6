package io.sluice.processors.finops;

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
final class Sweeps {
    private Sweeps() {}

    /**
     * Deletes the entries {@code expired} selects among the next {@code max} after {@code cursor}
     * (from the start when null); returns the last key looked at, or null at the end of the store.
     */
    static <V> String sweep(KeyValueStore<String, V> store, String cursor, int max, BiPredicate<String, V> expired) {
        List<String> doomed = new ArrayList<>();
        String last = null;
        int seen = 0;
        try (KeyValueIterator<String, V> it = cursor == null ? store.all() : store.range(cursor, null)) {
            while (it.hasNext() && seen < max) {
                KeyValue<String, V> entry = it.next();
                if (entry.key.equals(cursor)) {
                    continue;
                }
                seen++;
                last = entry.key;
                if (expired.test(entry.key, entry.value)) {
                    doomed.add(entry.key);
                }
            }
            if (!it.hasNext()) {
                last = null;
            }
        }
        doomed.forEach(store::delete);
        return last;
    }
}
